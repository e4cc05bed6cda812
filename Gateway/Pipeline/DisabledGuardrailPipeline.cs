using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Used when guardrails are switched off (<c>Guardrails:Enabled=false</c>): allows everything.</summary>
internal sealed class DisabledGuardrailPipeline : IGuardrailPipeline
{
    public ValueTask<GuardrailResult> CheckAsync(GuardrailStage stage, string text, GuardrailRequestContext context, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(GuardrailResult.Allowed(text));

    public IStreamingGuard BeginStream(GuardrailRequestContext context) => PassThrough.Instance;

    private sealed class PassThrough : IStreamingGuard
    {
        public static readonly PassThrough Instance = new();

        public ValueTask<StreamGuardOutput> PushAsync(string delta, CancellationToken cancellationToken = default) => ValueTask.FromResult(new StreamGuardOutput(delta));

        public ValueTask<StreamGuardOutput> CompleteAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(new StreamGuardOutput(string.Empty));
    }
}

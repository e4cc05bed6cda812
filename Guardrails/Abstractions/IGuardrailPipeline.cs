namespace Guardrails.Abstractions;

/// <summary>Runs the configured checks of a stage and records every non-allow decision in the audit log.</summary>
public interface IGuardrailPipeline
{
    ValueTask<GuardrailResult> CheckAsync(GuardrailStage stage, string text, GuardrailRequestContext context, CancellationToken cancellationToken = default);

    /// <summary>Output checks over the arguments of a tool call the model wrote (<c>function.arguments</c>), under
    /// the policy's <c>toolArguments</c> actions (rules it does not name follow <c>actions.output</c>). When the
    /// arguments are JSON, each string value is checked with its property name as context and the result is
    /// valid JSON again.</summary>
    ValueTask<GuardrailResult> CheckToolArgumentsAsync(string arguments, GuardrailRequestContext context, CancellationToken cancellationToken = default);

    /// <summary>Output checks over a stream, holding back at most the tail the longest pattern needs (≤ 128 chars).</summary>
    IStreamingGuard BeginStream(GuardrailRequestContext context);

    /// <summary>Like <see cref="BeginStream"/>, for streamed tool call arguments under the <c>toolArguments</c>
    /// actions; placeholders never contain a quote, so redacted JSON stays JSON.</summary>
    IStreamingGuard BeginToolArgumentsStream(GuardrailRequestContext context);
}

/// <summary>Incremental output guard for one streamed answer (one choice).</summary>
public interface IStreamingGuard
{
    /// <summary>Feeds the next delta; returns what may be sent to the client now.</summary>
    ValueTask<StreamGuardOutput> PushAsync(string delta, CancellationToken cancellationToken = default);

    /// <summary>The stream ended: returns the held-back tail, checked.</summary>
    ValueTask<StreamGuardOutput> CompleteAsync(CancellationToken cancellationToken = default);
}

/// <summary>Text safe to emit now; when <see cref="Blocked"/>, the stream must end with a final chunk giving
/// <see cref="Reason"/>.</summary>
public readonly record struct StreamGuardOutput(string Emit, bool Blocked = false, string? Reason = null)
{
    /// <summary>Characters pushed so far that are still held back (not yet sent, replaced or swallowed). What was
    /// pushed minus this is decided; callers align per-token data (logprobs) with it.</summary>
    public int Held { get; init; }
}

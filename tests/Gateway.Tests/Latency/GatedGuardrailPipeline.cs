using Guardrails.Abstractions;

namespace Gateway.Tests.Latency;

/// <summary>The gateway's guardrail pipeline, except that once armed, the first input check of a text with the marker
/// waits until <see cref="Release"/>: a test can look at what else already happened while the input guard runs.</summary>
public sealed class GatedGuardrailPipeline(IGuardrailPipeline inner) : IGuardrailPipeline
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _marker;

    public Task Entered => _entered.Task;

    public void Arm(string marker) => Volatile.Write(ref _marker, marker);

    public void Release() => _released.TrySetResult();

    public async ValueTask<GuardrailResult> CheckAsync(GuardrailStage stage, string text, GuardrailRequestContext context, CancellationToken cancellationToken = default)
    {
        var marker = Volatile.Read(ref _marker);
        if (stage == GuardrailStage.Input && marker is not null && text.Contains(marker, StringComparison.Ordinal) &&
            Interlocked.CompareExchange(ref _marker, null, marker) == marker)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

        return await inner.CheckAsync(stage, text, context, cancellationToken);
    }

    public ValueTask<GuardrailResult> CheckToolArgumentsAsync(string arguments, GuardrailRequestContext context, CancellationToken cancellationToken = default) =>
        inner.CheckToolArgumentsAsync(arguments, context, cancellationToken);

    public IStreamingGuard BeginStream(GuardrailRequestContext context) => inner.BeginStream(context);

    public IStreamingGuard BeginToolArgumentsStream(GuardrailRequestContext context) => inner.BeginToolArgumentsStream(context);

    /// <summary>For <see cref="TestGateway.StartAsync"/>'s configure callback.</summary>
    public static void Install(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var original = services.Single(d => d.ServiceType == typeof(IGuardrailPipeline) && !d.IsKeyedService);
        services.Remove(original);
        services.AddSingleton<IGuardrailPipeline>(sp => new GatedGuardrailPipeline(original.ImplementationFactory is { } factory
            ? (IGuardrailPipeline)factory(sp)
            : (IGuardrailPipeline)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
    }

    public static GatedGuardrailPipeline Of(TestGateway gateway) => (GatedGuardrailPipeline)gateway.Services.GetRequiredService<IGuardrailPipeline>();
}

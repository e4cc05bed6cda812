namespace Guardrails.Abstractions;

/// <summary>Runs the configured checks of a stage and records every non-allow decision in the audit log.</summary>
public interface IGuardrailPipeline
{
    ValueTask<GuardrailResult> CheckAsync(GuardrailStage stage, string text, GuardrailRequestContext context, CancellationToken cancellationToken = default);

    /// <summary>Output checks over a stream, holding back at most the tail the longest pattern needs (≤ 128 chars).</summary>
    IStreamingGuard BeginStream(GuardrailRequestContext context);
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
public readonly record struct StreamGuardOutput(string Emit, bool Blocked = false, string? Reason = null);

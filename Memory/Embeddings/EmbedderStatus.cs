namespace Memory.Embeddings;

/// <summary>Which embedder serves and, when it is not the one <c>Memory:Embedder</c> asked for, why: the gateway
/// reports it on <c>/healthz</c> as degraded.</summary>
public sealed class EmbedderStatus
{
    public required string Requested { get; init; }
    public required string Active { get; init; }
    public string? FallbackReason { get; init; }

    public bool IsDegraded => FallbackReason is not null;
}

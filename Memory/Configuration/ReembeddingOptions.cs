namespace Memory.Configuration;

/// <summary>Settings section <c>Memory:Reembedding</c>: the background re-embedding of memories whose vectors came
/// from another model (after a model change) or are missing (the embedder failed at write time).</summary>
public sealed class ReembeddingOptions
{
    public const string Section = "Memory:Reembedding";

    public bool Enabled { get; set; } = true;

    /// <summary>Memories embedded per call to the embedder.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>How long to wait before looking again once nothing is stale, or after a failure.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

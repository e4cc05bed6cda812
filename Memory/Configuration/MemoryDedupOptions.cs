namespace Memory.Configuration;

/// <summary>Settings section <c>Memory:Dedup</c>: when a written memory merges into a current one.</summary>
public sealed class MemoryDedupOptions
{
    public const string Section = "Memory:Dedup";

    /// <summary>Cosine similarity at or above which a current memory of the same context and embedding model counts
    /// as similar to a new one (0.92). A similar memory absorbs the write only when the shared de-duplication rule
    /// (<c>Memory.Dedup.DedupRule</c>) finds that it adds nothing: every number, date, time, unit, proper name and
    /// negation kept. Same normalised text always merges, and the same slot's new value always updates, whatever
    /// this is.</summary>
    public double CosineThreshold { get; set; } = 0.92;
}

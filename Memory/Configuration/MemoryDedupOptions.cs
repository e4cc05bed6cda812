namespace Memory.Configuration;

/// <summary>Settings section <c>Memory:Dedup</c>: when a written memory merges into a current one.</summary>
public sealed class MemoryDedupOptions
{
    public const string Section = "Memory:Dedup";

    /// <summary>Cosine similarity at or above which a new memory merges into the most similar current memory of the
    /// same context and embedding model. Conservative by default (0.92): paraphrases and re-statements merge,
    /// related but different facts ("lives in Lyon" / "works in Lyon") stay apart. Lexical embedders (hash) score
    /// paraphrases lower, so they merge less; same normalised text always merges whatever this is.</summary>
    public double CosineThreshold { get; set; } = 0.92;
}

namespace Memory.Configuration;

/// <summary>Settings section <c>Memory:EmbeddingCache</c>: the embedding cache in front of the embedder.</summary>
public sealed class EmbeddingCacheOptions
{
    public const string Section = "Memory:EmbeddingCache";

    /// <summary>Off: every text goes to the embedder.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Vectors kept in the in-memory LRU in front of the SQLite cache.</summary>
    public int MemoryEntries { get; set; } = 4096;

    /// <summary>Most vectors kept in the SQLite cache; the oldest are pruned beyond it.</summary>
    public int MaxEntries { get; set; } = 500_000;
}

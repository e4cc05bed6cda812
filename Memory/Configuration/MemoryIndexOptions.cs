namespace Memory.Configuration;

/// <summary>Settings section <c>Memory:Index</c>: the embedded store's in-process per-user vector index.</summary>
public sealed class MemoryIndexOptions
{
    public const string Section = "Memory:Index";

    /// <summary>Most bytes the resident users' vectors may take before the least recently used are evicted
    /// (an estimate that counts vectors and per-memory bookkeeping). Default 256 MiB.</summary>
    public long MaxBytes { get; set; } = 256L * 1024 * 1024;
}

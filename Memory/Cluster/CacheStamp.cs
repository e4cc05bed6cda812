namespace Memory.Cluster;

/// <summary>What a per-user cache entry was built under: the Redis dataset's epoch and the user's generation. An entry
/// serves a request only when the request's stamp is the same; a request without a stamp (Redis down) reads through.</summary>
public readonly record struct CacheStamp(long Epoch, long Generation)
{
    /// <summary>The stamp of a single process: always the same, so caches behave as they always did (dropped by the
    /// process's own invalidation).</summary>
    public static CacheStamp Local { get; } = new(0, 0);
}

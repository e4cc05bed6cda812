namespace Memory.Cluster;

/// <summary>What one pipelined Redis read tells about a user: the cache stamp, the latest erasure generation of the
/// deployment and the user's own tombstone (0 when none is published).</summary>
internal sealed record UserSnapshot(CacheStamp Stamp, long ErasureLatest, long Tombstone);

using Memory.Model;

namespace Memory.Cluster;

/// <summary>One process: the caches' own invalidation is enough, so the stamp never changes.</summary>
internal sealed class LocalUserGenerations : IUserGenerations
{
    private static readonly ValueTask<CacheStamp?> Local = new(CacheStamp.Local);

    public ValueTask<CacheStamp?> ReadAsync(UserKey user, CancellationToken cancellationToken = default) => Local;

    public void Bump(UserKey user)
    {
    }
}

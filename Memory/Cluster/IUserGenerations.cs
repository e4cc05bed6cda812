using Memory.Model;

namespace Memory.Cluster;

/// <summary>Ties every per-user cache to a generation that every write, consent change and erasure raises. Read once
/// per request; a request that starts after a write's response gets a newer stamp and so never sees older state.</summary>
public interface IUserGenerations
{
    /// <summary>The user's stamp now, or null when it cannot be known (Redis down): the caller must read through to
    /// the store and cache nothing.</summary>
    ValueTask<CacheStamp?> ReadAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Raises the user's generation after a change is committed and before its response goes out.</summary>
    void Bump(UserKey user);
}

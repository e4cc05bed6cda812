using Memory.Model;

namespace Memory.Cluster;

/// <summary>One process: the worker's own per-user lock already serializes a user's write-back.</summary>
internal sealed class LocalUserWriteLeases : IUserWriteLeases
{
    public ValueTask<UserWriteLease> AcquireAsync(UserKey user, CancellationToken cancellationToken = default) => new(UserWriteLease.Local);
}

using Memory.Model;

namespace Memory.Cluster;

/// <summary>Lets one replica at a time write back a user's memories: the worker holds the user's lease while it
/// consolidates a turn, and an erasure waits for the lease once its tombstone is published, so a consolidation that
/// missed the tombstone has finished before the erasure deletes. One process needs none (its own lock suffices).</summary>
public interface IUserWriteLeases
{
    /// <summary>Waits for the user's lease (up to the lease time, then fails) and holds it until disposed.</summary>
    ValueTask<UserWriteLease> AcquireAsync(UserKey user, CancellationToken cancellationToken = default);
}

using Memory.Model;

namespace Memory.Stores;

/// <summary>Erasure is final: what a turn that started before <c>DELETE /v1/users/{id}</c> would write is refused.
/// A turn captures <see cref="CurrentAsync"/> when it starts; every later step (opening it in the outbox, an
/// observation's enqueue, the worker before it writes) asks <see cref="ErasedSinceAsync"/>.</summary>
public interface IErasureTombstones
{
    /// <summary>The erasure generation now; a turn starting now carries it.</summary>
    ValueTask<long> CurrentAsync(CancellationToken cancellationToken = default);

    /// <summary><see cref="CurrentAsync"/> for a turn of <paramref name="user"/>: a replica of a cluster reads it with
    /// the rest of the user's state in one round trip.</summary>
    ValueTask<long> CurrentForAsync(UserKey user, CancellationToken cancellationToken = default) => CurrentAsync(cancellationToken);

    /// <summary>True when the user was erased after a turn that captured <paramref name="generation"/> started.
    /// Costs nothing (no store read) unless some user was erased since.</summary>
    ValueTask<bool> ErasedSinceAsync(UserKey user, long generation, CancellationToken cancellationToken = default);

    /// <summary>Records the user's erasure durably before anything is deleted; returns its generation.</summary>
    Task<long> RecordAsync(UserKey user, CancellationToken cancellationToken = default);
}

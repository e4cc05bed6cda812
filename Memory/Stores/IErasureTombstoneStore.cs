using Memory.Model;

namespace Memory.Stores;

/// <summary>Durable erasure tombstones, kept by the memory store beside the data they guard: one per erased user,
/// holding the erasure generation (a store-wide counter that only grows). A turn remembers the generation current
/// when it started; if its user's tombstone is newer, the user was erased after the turn began, and the turn must
/// never write. Tombstones hold no personal text and survive the erasure they record.</summary>
public interface IErasureTombstoneStore
{
    /// <summary>The highest erasure generation recorded by the store (0 when nobody was ever erased).</summary>
    Task<long> GetLatestErasureGenerationAsync(CancellationToken cancellationToken = default);

    /// <summary>The generation of the user's latest erasure, 0 when the user was never erased.</summary>
    Task<long> GetErasureGenerationAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Durably records an erasure of the user under a new generation, greater than every generation
    /// recorded before; returns it.</summary>
    Task<long> RecordErasureAsync(UserKey user, CancellationToken cancellationToken = default);
}

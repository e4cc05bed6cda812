using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Outbox;

/// <summary>The worker's side of the outbox: claim due turns under a lease, checkpoint, then complete or fail.</summary>
internal interface IOutboxQueue
{
    /// <summary>Leases up to <paramref name="max"/> due turns, at most one per user (each user's oldest first).</summary>
    Task<IReadOnlyList<OutboxLease>> ClaimAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>False when the lease was lost (erased, taken over after expiry, or already finished).</summary>
    Task<bool> IsLeaseValidAsync(OutboxLease lease, CancellationToken cancellationToken = default);

    /// <summary>Saves the extracted, guarded facts so a replay consolidates exactly the same facts.</summary>
    Task SaveCheckpointAsync(OutboxLease lease, IReadOnlyList<ExtractedFact> facts, CancellationToken cancellationToken = default);

    /// <summary>Finishes the turn: its text is removed, its id remembered so a re-enqueue is a no-op.</summary>
    Task<bool> CompleteAsync(OutboxLease lease, OutboxState outcome, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: back off, or poison after the last attempt. True when poisoned.</summary>
    Task<bool> FailAsync(OutboxLease lease, string errorKind, CancellationToken cancellationToken = default);

    /// <summary>True when a turn is due now (not in backoff, not leased).</summary>
    Task<bool> HasDueWorkAsync(CancellationToken cancellationToken = default);

    /// <summary>Serialises work on one user between the worker and erasure (in-process).</summary>
    Task<IDisposable> LockUserAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Forgets finished turn ids older than the retention.</summary>
    Task<int> PruneAsync(CancellationToken cancellationToken = default);
}

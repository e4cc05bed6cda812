using Memory.Model;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Outbox;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>The real outbox, with <see cref="HasDueWorkAsync"/> held until the worker has claimed a turn: forces the
/// interleaving where a waiter asks "anything due?" right after the worker leased the last due turn.</summary>
internal sealed class ClaimObservingOutbox(IOutboxQueue inner) : IOutboxQueue
{
    private readonly TaskCompletionSource _claimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<IReadOnlyList<OutboxLease>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        var leases = await inner.ClaimAsync(max, cancellationToken);
        if (leases.Count > 0)
        {
            _claimed.TrySetResult();
        }

        return leases;
    }

    public async Task<bool> HasDueWorkAsync(CancellationToken cancellationToken = default)
    {
        await _claimed.Task.WaitAsync(cancellationToken);
        return await inner.HasDueWorkAsync(cancellationToken);
    }

    public Task<bool> IsLeaseValidAsync(OutboxLease lease, CancellationToken cancellationToken = default) =>
        inner.IsLeaseValidAsync(lease, cancellationToken);

    public Task SaveCheckpointAsync(OutboxLease lease, IReadOnlyList<ExtractedFact> facts, CancellationToken cancellationToken = default) =>
        inner.SaveCheckpointAsync(lease, facts, cancellationToken);

    public Task<bool> CompleteAsync(OutboxLease lease, OutboxState outcome, CancellationToken cancellationToken = default) =>
        inner.CompleteAsync(lease, outcome, cancellationToken);

    public Task<bool> FailAsync(OutboxLease lease, string errorKind, CancellationToken cancellationToken = default) =>
        inner.FailAsync(lease, errorKind, cancellationToken);

    public Task<IDisposable> LockUserAsync(UserKey user, CancellationToken cancellationToken = default) =>
        inner.LockUserAsync(user, cancellationToken);

    public Task<int> PruneAsync(CancellationToken cancellationToken = default) => inner.PruneAsync(cancellationToken);
}

using Memory.Model;
using Memory.Stores;
using Microsoft.Extensions.Logging;

namespace Memory.Cluster;

/// <summary>Erasure tombstones across replicas: recorded in the store first (durable, so a Redis outage or restart
/// cannot resurrect anyone), then published to Redis. A check asks Redis (the deployment's latest erasure and the
/// user's tombstone, one round trip) and reads the store's tombstone only when someone was erased since the turn
/// began and Redis does not already prove it was this user; without Redis every check reads the store. Recording waits
/// for the user's write-back lease, so no other replica is mid-consolidation when the erasure deletes.</summary>
internal sealed class ClusterErasureTombstones(
    RedisUserState state, IErasureTombstoneStore store, IUserWriteLeases leases, ILogger<ClusterErasureTombstones> logger) : IErasureTombstones
{
    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken = default) =>
        await state.LatestErasureAsync(cancellationToken).ConfigureAwait(false)
        ?? await store.GetLatestErasureGenerationAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<long> CurrentForAsync(UserKey user, CancellationToken cancellationToken = default) =>
        (await state.SnapshotAsync(user, fromScope: true, cancellationToken).ConfigureAwait(false))?.ErasureLatest
        ?? await store.GetLatestErasureGenerationAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask<bool> ErasedSinceAsync(UserKey user, long generation, CancellationToken cancellationToken = default)
    {
        // Never from the request's scope: an erasure may have landed since the request began.
        if (await state.SnapshotAsync(user, fromScope: false, cancellationToken).ConfigureAwait(false) is { } known)
        {
            if (generation >= known.ErasureLatest)
            {
                return false;
            }

            if (known.Tombstone > generation)
            {
                return true;
            }
        }

        return await store.GetErasureGenerationAsync(user, cancellationToken).ConfigureAwait(false) > generation;
    }

    public async Task<long> RecordAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        var generation = await store.RecordErasureAsync(user, cancellationToken).ConfigureAwait(false);
        ErasureLog.TombstoneRecorded(logger, generation);
        await state.PublishErasureAsync(user, generation, cancellationToken).ConfigureAwait(false);

        // A barrier: a replica consolidating the user holds the lease; once it is ours, any write-back that checked
        // the tombstone before it was published has finished, and the erasure's delete comes after it.
        await using (await leases.AcquireAsync(user, cancellationToken).ConfigureAwait(false))
        {
        }

        return generation;
    }
}

using Memory.Model;
using Microsoft.Extensions.Logging;

namespace Memory.Stores;

/// <summary>The tombstones over the store's <see cref="IErasureTombstoneStore"/>. The latest generation is kept in
/// process (loaded once, raised by every erasure recorded here after it is durable), so a turn captures it for free
/// and a check reads the store only when someone was erased since the turn began. The embedded store is one writer
/// per data directory, so nothing else raises it behind this process's back.</summary>
internal sealed class ErasureTombstones(IErasureTombstoneStore store, ILogger<ErasureTombstones> logger) : IErasureTombstones
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private long _latest = -1;

    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var latest = Volatile.Read(ref _latest);
        return latest >= 0 ? latest : await LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> ErasedSinceAsync(UserKey user, long generation, CancellationToken cancellationToken = default)
    {
        if (generation >= await CurrentAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        return await store.GetErasureGenerationAsync(user, cancellationToken).ConfigureAwait(false) > generation;
    }

    public async Task<long> RecordAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        await CurrentAsync(cancellationToken).ConfigureAwait(false);
        var generation = await store.RecordErasureAsync(user, cancellationToken).ConfigureAwait(false);
        Raise(generation);
        ErasureLog.TombstoneRecorded(logger, generation);
        return generation;
    }

    private async Task<long> LoadAsync(CancellationToken cancellationToken)
    {
        await _load.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _latest) is var known and >= 0)
            {
                return known;
            }

            var stored = await store.GetLatestErasureGenerationAsync(cancellationToken).ConfigureAwait(false);
            Raise(stored);
            return Volatile.Read(ref _latest);
        }
        finally
        {
            _load.Release();
        }
    }

    private void Raise(long generation)
    {
        var seen = Volatile.Read(ref _latest);
        while (generation > seen)
        {
            var previous = Interlocked.CompareExchange(ref _latest, generation, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

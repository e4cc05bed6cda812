using System.Collections.Concurrent;
using Memory.Model;

namespace Memory.Stores;

/// <summary>Tombstones held in process, for a store that keeps none (test fakes, a replaced store): erasure stays
/// final while the process runs. The SQLite and Qdrant stores keep theirs durably.</summary>
internal sealed class InProcessTombstoneStore : IErasureTombstoneStore
{
    private readonly ConcurrentDictionary<UserKey, long> _tombstones = new();
    private long _latest;

    public Task<long> GetLatestErasureGenerationAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Interlocked.Read(ref _latest));

    public Task<long> GetErasureGenerationAsync(UserKey user, CancellationToken cancellationToken = default) =>
        Task.FromResult(_tombstones.GetValueOrDefault(user));

    public Task<long> RecordErasureAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        var generation = Interlocked.Increment(ref _latest);
        _tombstones.AddOrUpdate(user, generation, (_, known) => Math.Max(known, generation));
        return Task.FromResult(generation);
    }
}

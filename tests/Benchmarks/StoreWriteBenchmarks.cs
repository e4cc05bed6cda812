using BenchmarkDotNet.Attributes;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;

namespace Benchmarks;

/// <summary>Write throughput of the embedded store: one durable transaction (fsync at commit) per upsert call of
/// <see cref="Batch"/> memories, into a user whose index is resident (so the index update is included).</summary>
[Config(typeof(LatencyConfig))]
public class StoreWriteBenchmarks
{
    private readonly Random _random = new(11);
    private string _directory = "";
    private SqliteMemoryStore _store = null!;
    private int _next;

    [Params(1, 32)]
    public int Batch { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = await StoreBenchmarkData.PrepareAsync();
        _store = StoreBenchmarkData.Open(_directory);
        await _store.UpsertAsync(StoreBenchmarkData.Target, Enumerable.Range(0, 1000).Select(i => StoreBenchmarkData.Memory(_random, i)).ToList());
        await _store.SearchAsync(StoreBenchmarkData.Target, StoreBenchmarkData.Vector(_random), StoreBenchmarkData.Model, MemoryFilter.Current, 10);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        StoreBenchmarkData.Delete(_directory);
    }

    private List<MemoryItem> _batch = [];

    [IterationSetup]
    public void NextBatch()
    {
        _batch = new List<MemoryItem>(Batch);
        for (var i = 0; i < Batch; i++)
        {
            _batch.Add(StoreBenchmarkData.Memory(_random, 1000 + _next++));
        }
    }

    [Benchmark(Description = "upsert batch")]
    public Task Upsert() => _store.UpsertAsync(StoreBenchmarkData.Target, _batch);
}

using BenchmarkDotNet.Attributes;
using Memory.Stores;
using Memory.Stores.Sqlite;

namespace Benchmarks;

/// <summary>Dense search latency of the embedded store for one user holding N memories, with 10k other users'
/// vectors resident in the index: top 10, current memories only, and with a context filter.</summary>
[Config(typeof(LatencyConfig))]
public class StoreSearchBenchmarks
{
    private readonly float[][] _queries = new float[64][];
    private string _directory = "";
    private SqliteMemoryStore _store = null!;
    private int _next;

    [Params(100, 1_000, 10_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = await StoreBenchmarkData.PrepareAsync();
        _store = StoreBenchmarkData.Open(_directory);
        var random = new Random(7);
        for (var offset = 0; offset < Memories; offset += 1000)
        {
            var batch = Enumerable.Range(offset, Math.Min(1000, Memories - offset)).Select(i => StoreBenchmarkData.Memory(random, i)).ToList();
            await _store.UpsertAsync(StoreBenchmarkData.Target, batch);
        }

        for (var i = 0; i < _queries.Length; i++)
        {
            _queries[i] = StoreBenchmarkData.Vector(random);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var u = 0; u < StoreBenchmarkData.BackgroundUsers; u++)
        {
            await _store.SearchAsync(StoreBenchmarkData.BackgroundUser(u), _queries[0], StoreBenchmarkData.Model, MemoryFilter.Current, 1);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        await _store.SearchAsync(StoreBenchmarkData.Target, _queries[0], StoreBenchmarkData.Model, MemoryFilter.Current, 10);
        Console.WriteLine(
            $"// Resident: {_store.Index.ResidentUsers} users, index estimate {_store.Index.ResidentBytes / 1024.0 / 1024.0:F1} MiB; " +
            $"managed heap growth for {StoreBenchmarkData.BackgroundUsers} users x {StoreBenchmarkData.MemoriesPerBackgroundUser} memories: " +
            $"{(after - before) / (double)StoreBenchmarkData.BackgroundUsers:F0} bytes per user " +
            $"({(after - before) / (double)(StoreBenchmarkData.BackgroundUsers * StoreBenchmarkData.MemoriesPerBackgroundUser):F0} bytes per memory)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        StoreBenchmarkData.Delete(_directory);
    }

    [Benchmark(Description = "search top 10")]
    public Task<IReadOnlyList<Memory.Model.ScoredMemory>> SearchTop10() =>
        _store.SearchAsync(StoreBenchmarkData.Target, _queries[_next++ & 63], StoreBenchmarkData.Model, MemoryFilter.Current, 10);

    [Benchmark(Description = "search top 10, context + confidence filter")]
    public Task<IReadOnlyList<Memory.Model.ScoredMemory>> SearchFiltered() =>
        _store.SearchAsync(StoreBenchmarkData.Target, _queries[_next++ & 63], StoreBenchmarkData.Model,
            new MemoryFilter { Contexts = ["docs"], MinConfidence = 0.5 }, 10);
}

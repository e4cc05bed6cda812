using Memory.Stores;
using Memory.Stores.Sqlite;
using Memory.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using TestDoubles;

namespace Memory.Tests.Conformance;

/// <summary>The shared store suite against the embedded SQLite store, on real files in a temp folder.</summary>
public sealed class SqliteMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly TempDirectory _directory = new();

    protected override Task<IMemoryStore> CreateStoreAsync() =>
        Task.FromResult<IMemoryStore>(new SqliteMemoryStore(_directory.Path, 64L * 1024 * 1024, TimeProvider.System, NullLogger<SqliteMemoryStore>.Instance));

    [Fact]
    public async Task Erasure_tombstones_survive_reopening_the_file()
    {
        var generation = await ((IErasureTombstoneStore)Store).RecordErasureAsync(Alice);

        using var reopened = new SqliteMemoryStore(_directory.Path, 64L * 1024 * 1024, TimeProvider.System, NullLogger<SqliteMemoryStore>.Instance);

        Assert.Equal(generation, await reopened.GetErasureGenerationAsync(Alice));
        Assert.Equal(generation, await reopened.GetLatestErasureGenerationAsync());
    }

    protected override async Task DisposeStoreAsync(IMemoryStore store)
    {
        await base.DisposeStoreAsync(store);
        ((IDisposable)store).Dispose();
        _directory.Dispose();
    }
}

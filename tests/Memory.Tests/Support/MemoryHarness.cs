using Memory.Abstractions;
using Memory.Configuration;
using Memory.Embeddings;
using Memory.Stores.Sqlite;
using Memory.Tests.Fakes;
using Memory.DirectWrites;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.Support;

/// <summary>A memory service over a real SQLite store in a temp folder, the fake embedder behind the real embedding
/// cache, the fake retriever and a fake clock.</summary>
internal sealed class MemoryHarness : IDisposable
{
    public MemoryHarness(double cosineThreshold = 0.92, IMemoryContentGuard? guard = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        Store = new SqliteMemoryStore(Directory.Path, 16 * 1024 * 1024, Time, NullLogger<SqliteMemoryStore>.Instance);
        Embedder = new FakeEmbeddingGenerator();
        Cached = new CachingEmbeddingGenerator(Embedder, Directory.Path, new EmbeddingCacheOptions(), Time, NullLogger<CachingEmbeddingGenerator>.Instance);
        Retriever = new FakeRetriever(Store);
        Dedup = new StaticOptionsMonitor<MemoryDedupOptions>(new MemoryDedupOptions { CosineThreshold = cosineThreshold });
        Service = new MemoryService(Store, Retriever, Cached, Locks, Dedup, Time, NullLogger<MemoryService>.Instance, guard);
    }

    public TempDirectory Directory { get; } = new();
    public FakeTimeProvider Time { get; }
    public SqliteMemoryStore Store { get; }
    public FakeEmbeddingGenerator Embedder { get; }
    public IEmbeddingGenerator<string, Embedding<float>> Cached { get; }
    public FakeRetriever Retriever { get; }
    public UserWriteLocks Locks { get; } = new();
    public StaticOptionsMonitor<MemoryDedupOptions> Dedup { get; }
    public MemoryService Service { get; }

    public ReembeddingService CreateReembedding() => new(
        Store, Cached, Retriever, Locks,
        Microsoft.Extensions.Options.Options.Create(new ReembeddingOptions()), Time, NullLogger<ReembeddingService>.Instance);

    public void Dispose()
    {
        Cached.Dispose();
        Store.Dispose();
        Locks.Dispose();
        Directory.Dispose();
    }
}

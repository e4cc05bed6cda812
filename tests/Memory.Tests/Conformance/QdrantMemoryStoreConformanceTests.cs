using Memory.Stores;
using Memory.Tests.Stores.Qdrant;
using TestDoubles.Qdrant;

namespace Memory.Tests.Conformance;

/// <summary>The shared store suite against the Qdrant store, talking gRPC to a fresh loopback fake Qdrant built
/// from Qdrant's own protocol files (strict mode on: every filtered key must be indexed).</summary>
public sealed class QdrantMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private FakeQdrantServer? _server;

    protected override async Task<IMemoryStore> CreateStoreAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        return QdrantTestStores.Create(_server.Url);
    }

    protected override async Task DisposeStoreAsync(IMemoryStore store)
    {
        ((IDisposable)store).Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

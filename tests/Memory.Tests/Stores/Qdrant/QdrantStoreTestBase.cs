using Memory.Model;
using Memory.Stores.Qdrant;
using TestDoubles.Qdrant;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>A fresh loopback fake Qdrant and a store on it (prefix <c>gateway</c>) for each test.</summary>
public abstract class QdrantStoreTestBase : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);
    protected static readonly UserKey Alice = new("acme", "alice");
    protected static readonly UserKey Bob = new("acme", "bob");

    protected FakeQdrantServer Server { get; private set; } = null!;
    private protected QdrantMemoryStore Store { get; private set; } = null!;

    private protected static QdrantCollectionNames Names { get; } = new("gateway");

    public async Task InitializeAsync()
    {
        Server = await FakeQdrantServer.StartAsync();
        Store = QdrantTestStores.Create(Server.Url);
    }

    public async Task DisposeAsync()
    {
        Store.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A current memory of <c>model-a</c> (or not embedded), created at <see cref="T0"/>.</summary>
    protected static MemoryItem Memory(string text, float[]? embedding) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Text = text,
        Context = "chat",
        Confidence = 0.9,
        OccurredAt = T0,
        CreatedAt = T0,
        UpdatedAt = T0,
        Embedding = embedding,
        EmbeddingModel = embedding is null ? null : "model-a",
    };
}

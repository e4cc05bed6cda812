using Memory.Model;
using Memory.Stores;
using Memory.Stores.Qdrant;
using Qdrant.Client.Grpc;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>What only a real Qdrant can confirm: the collections and indexes it actually built, and replicas racing
/// on it. Runs when <c>QDRANT_URL</c> is set; each test uses and then deletes collections of its own prefix.</summary>
public sealed class LiveQdrantTests : IAsyncLifetime
{
    private static readonly UserKey Alice = new("acme", "alice");
    private readonly string _prefix = LiveQdrant.NewPrefix("live");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (LiveQdrant.SkipReason is null)
        {
            await LiveQdrant.DeleteCollectionsAsync(_prefix);
        }
    }

    [LiveQdrantFact]
    public async Task Qdrant_builds_the_tenant_index_on_the_user_key_and_cosine_collections()
    {
        using var store = QdrantTestStores.Create(LiveQdrant.Url, _prefix, LiveQdrant.ApiKey);
        await store.UpsertAsync(Alice, [Memory("fact", TestVectors.Random(1))]);
        await store.SetConsentAsync(Alice, true);

        using var client = QdrantTestStores.Client(LiveQdrant.Url, LiveQdrant.ApiKey);
        var names = new QdrantCollectionNames(_prefix);
        var memories = await client.GetCollectionInfoAsync(names.ForModel("model-a", TestVectors.Dimensions));
        var meta = await client.GetCollectionInfoAsync(names.Meta);

        Assert.Equal(Distance.Cosine, memories.Config.Params.VectorsConfig.Params.Distance);
        Assert.Equal((ulong)TestVectors.Dimensions, memories.Config.Params.VectorsConfig.Params.Size);
        Assert.True(memories.PayloadSchema["userKey"].Params.KeywordIndexParams.IsTenant);
        Assert.True(meta.PayloadSchema["userKey"].Params.KeywordIndexParams.IsTenant);
        Assert.Equal(PayloadSchemaType.Float, memories.PayloadSchema["confidence"].DataType);
        Assert.Equal(PayloadSchemaType.Integer, memories.PayloadSchema["occurredAt"].DataType);
        Assert.Equal(PayloadSchemaType.Keyword, memories.PayloadSchema["context"].DataType);
    }

    [LiveQdrantFact]
    public async Task Replicas_racing_to_create_collections_on_qdrant_all_succeed()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => QdrantTestStores.Create(LiveQdrant.Url, _prefix, LiveQdrant.ApiKey)).ToList();
        try
        {
            var memories = Enumerable.Range(0, 4).Select(i => Memory($"replica {i}", TestVectors.Random(10 + i))).ToList();

            await Task.WhenAll(replicas.Select((r, i) => r.UpsertAsync(Alice, [memories[i]])));

            Assert.Equal(4, (await replicas[0].ListAsync(Alice, MemoryFilter.Current)).Count);
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
        }
    }

    private static MemoryItem Memory(string text, float[] embedding) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Text = text,
        OccurredAt = DateTimeOffset.UnixEpoch.AddYears(55),
        CreatedAt = DateTimeOffset.UnixEpoch.AddYears(55),
        UpdatedAt = DateTimeOffset.UnixEpoch.AddYears(55),
        Embedding = embedding,
        EmbeddingModel = "model-a",
    };
}

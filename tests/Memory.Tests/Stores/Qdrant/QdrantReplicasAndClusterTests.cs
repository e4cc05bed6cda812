using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Qdrant;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client;
using Qdrant.Client.Grpc;
using TestDoubles.Qdrant;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>Several gateway replicas on one Qdrant: racing collection creation, collections deleted behind the
/// store, shared history and consent, cluster settings, API key and readiness.</summary>
public sealed class QdrantReplicasAndClusterTests : QdrantStoreTestBase
{
    [Fact]
    public async Task Replicas_racing_to_create_the_same_collections_all_succeed()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => QdrantTestStores.Create(Server.Url)).ToList();
        try
        {
            var memories = Enumerable.Range(0, 4).Select(i => Memory($"replica {i}", TestVectors.Random(20 + i))).ToList();

            await Task.WhenAll(replicas.Select((r, i) => r.UpsertAsync(Alice, [memories[i]])));
            await Task.WhenAll(replicas.Select((r, i) => r.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memories[i].Id, Event = MemoryEvent.Add, At = T0 }])));

            Assert.Equal([Names.ForModel("model-a", TestVectors.Dimensions), "gateway_meta"], Server.CollectionNames());
            Assert.Equal(4, (await Store.ListAsync(Alice, MemoryFilter.Current)).Count);
            Assert.Equal(4, (await replicas[0].GetUserHistoryAsync(Alice)).Count);
        }
        finally
        {
            replicas.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_create_that_loses_the_race_to_another_replica_is_accepted()
    {
        var name = Names.ForModel("model-a", TestVectors.Dimensions);
        using var otherReplica = QdrantTestStores.Client(Server.Url);
        var interceptor = new RacingCreateInterceptor(() => otherReplica.CreateCollectionAsync(name,
            new VectorParams { Size = TestVectors.Dimensions, Distance = Distance.Cosine }));
        using var channel = GrpcChannel.ForAddress(Server.Url);
        using var client = new QdrantClient(new QdrantGrpcClient(channel.Intercept(interceptor)));
        using var store = new QdrantMemoryStore(client, new QdrantOptions(), TimeProvider.System, NullLogger<QdrantMemoryStore>.Instance);
        var memory = Memory("fact", TestVectors.Random(36));

        await store.UpsertAsync(Alice, [memory]);

        Assert.Equal(1, interceptor.Creates);
        Assert.Contains(Server.Requests, r => r.Method == "Create" && r.CollectionName == name);
        Assert.Equal(memory.Id, (await store.GetAsync(Alice, memory.Id))?.Id);
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), Server.PayloadIndexes(name));
    }

    [Fact]
    public async Task A_collection_deleted_behind_theStore_is_created_again_on_the_next_write()
    {
        await Store.UpsertAsync(Alice, [Memory("first", TestVectors.Random(30))]);
        using (var client = QdrantTestStores.Client(Server.Url))
        {
            await client.DeleteCollectionAsync(Names.ForModel("model-a", TestVectors.Dimensions));
        }

        var second = Memory("second", TestVectors.Random(31));
        await Store.UpsertAsync(Alice, [second]);

        Assert.Equal([second.Id], (await Store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), Server.PayloadIndexes(Names.ForModel("model-a", TestVectors.Dimensions)));
    }

    [Fact]
    public async Task History_and_consent_written_by_one_replica_are_read_by_another()
    {
        using var replica = QdrantTestStores.Create(Server.Url);
        await Store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = "m1", Event = MemoryEvent.Add, At = T0, Actor = "key-1" }]);
        await Store.SetConsentAsync(Alice, false);

        var entry = Assert.Single(await replica.GetHistoryAsync(Alice, "m1"));
        Assert.Equal(("m1", MemoryEvent.Add, "key-1"), (entry.MemoryId, entry.Event, entry.Actor));
        Assert.False(await replica.GetConsentAsync(Alice));
    }

    [Fact]
    public async Task IsReady_is_false_when_qdrant_cannot_be_reached()
    {
        var port = ClosedPort();
        using var store = QdrantTestStores.Create(new Uri($"http://127.0.0.1:{port}"));

        Assert.False(await store.IsReadyAsync());
    }

    [Fact]
    public async Task The_api_key_is_sent_to_qdrant()
    {
        await using var secured = await FakeQdrantServer.StartAsync(new FakeQdrantOptions { ApiKey = "s3cret" });
        using var withoutKey = QdrantTestStores.Create(secured.Url);
        using var withKey = QdrantTestStores.Create(secured.Url, apiKey: "s3cret");

        Assert.False(await withoutKey.IsReadyAsync());
        Assert.True(await withKey.IsReadyAsync());
        var error = await Assert.ThrowsAsync<RpcException>(() => withoutKey.UpsertAsync(Alice, [Memory("x", TestVectors.Random(33))]));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        await withKey.UpsertAsync(Alice, [Memory("x", TestVectors.Random(33))]);
    }

    [Fact]
    public async Task Sharding_and_replication_settings_reach_the_created_collections()
    {
        using var clustered = QdrantTestStores.Create(new QdrantOptions
        {
            Url = Server.Url.ToString(),
            CollectionPrefix = "cluster",
            ShardNumber = 6,
            ReplicationFactor = 2,
            WriteConsistencyFactor = 2,
        });

        await clustered.UpsertAsync(Alice, [Memory("fact", TestVectors.Random(34))]);

        var created = Server.Requests.Where(r => r.Method == "Create").Select(r => CreateCollection.Parser.ParseFrom(r.Message)).Single();
        Assert.Equal((6u, 2u, 2u), (created.ShardNumber, created.ReplicationFactor, created.WriteConsistencyFactor));
        Assert.Equal(Distance.Cosine, created.VectorsConfig.Params.Distance);
        Assert.Equal((6u, 2u), (Server.Collection(created.CollectionName)!.ShardNumber, Server.Collection(created.CollectionName)!.ReplicationFactor));
    }

    [Fact]
    public async Task Without_cluster_settings_qdrant_chooses_the_shard_number()
    {
        await Store.UpsertAsync(Alice, [Memory("fact", TestVectors.Random(35))]);

        var created = Server.Requests.Where(r => r.Method == "Create").Select(r => CreateCollection.Parser.ParseFrom(r.Message)).Single();
        Assert.False(created.HasShardNumber);
        Assert.False(created.HasReplicationFactor);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

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

/// <summary>What the Qdrant store asks of Qdrant: filters pushed down, collection layout, indexes, ids, erasure,
/// replicas sharing one Qdrant. Runs against the loopback fake Qdrant and inspects the requests it recorded.</summary>
public sealed class QdrantMemoryStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);
    private static readonly UserKey Alice = new("acme", "alice");
    private static readonly UserKey Bob = new("acme", "bob");

    private FakeQdrantServer _server = null!;
    private QdrantMemoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeQdrantServer.StartAsync();
        _store = QdrantTestStores.Create(_server.Url);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Search_sends_every_filter_inside_the_qdrant_query_with_top_k_as_the_limit()
    {
        var query = Vectors.Random(1);
        var noise = Enumerable.Range(0, 197).Select(i => Memory($"noise {i}", Vectors.Blend(query, Vectors.Random(100 + i), 0.95)));
        var rare = Enumerable.Range(0, 3).Select(i => Memory($"rare {i}", Vectors.Blend(query, Vectors.Random(500 + i), 0.1)) with { Context = "rare" }).ToList();
        await _store.UpsertAsync(Alice, [.. noise, .. rare]);
        _server.ClearRequests();

        var filter = new MemoryFilter { Contexts = ["rare"], MinConfidence = 0.5, OccurredAfter = T0.AddDays(-1) };
        var results = await _store.SearchAsync(Alice, query, "model-a", filter, 3);

        Assert.Equal(rare.Select(m => m.Id).Order(), results.Select(r => r.Memory.Id).Order());
        var sent = Assert.Single(_server.Requests);
        Assert.Equal("Query", sent.Method);
        var request = QueryPoints.Parser.ParseFrom(sent.Message);
        Assert.Equal(3ul, request.Limit);
        Assert.Equal(Names.ForModel("model-a", Vectors.Dimensions), request.CollectionName);
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "userKey" && c.Field.Match.Keyword == "4:acme:alice");
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "context" && c.Field.Match.Keyword == "rare");
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "confidence" && c.Field.Range.Gte == 0.5);
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "occurredAt" && c.Field.Range.Gte == T0.AddDays(-1).ToUnixTimeMilliseconds());
        Assert.Contains(request.Filter.Must, c => c.IsEmpty?.Key == "validTo");
    }

    [Fact]
    public async Task Search_with_several_contexts_matches_any_of_them_in_qdrant()
    {
        await _store.UpsertAsync(Alice, [Memory("a", Vectors.Random(2)) with { Context = "docs" }, Memory("b", Vectors.Random(3)) with { Context = "search" }, Memory("c", Vectors.Random(4))]);
        _server.ClearRequests();

        var results = await _store.SearchAsync(Alice, Vectors.Random(2), "model-a", new MemoryFilter { Contexts = ["docs", "search"] }, 10);

        Assert.Equal(["a", "b"], results.Select(r => r.Memory.Text).Order());
        var request = QueryPoints.Parser.ParseFrom(_server.Requests.Single(r => r.Method == "Query").Message);
        var context = Assert.Single(request.Filter.Must, c => c.Field?.Key == "context");
        Assert.Equal(["docs", "search"], context.Field.Match.Keywords.Strings);
    }

    [Fact]
    public async Task List_pages_through_scroll_with_the_filter_in_every_page_request()
    {
        var memories = Enumerable.Range(0, 600)
            .Select(i => Memory($"fact {i}", Vectors.Random(1000 + i)) with { Context = i % 2 == 0 ? "docs" : "chat", CreatedAt = T0.AddSeconds(i) })
            .ToList();
        await _store.UpsertAsync(Alice, memories);
        _server.ClearRequests();

        var listed = await _store.ListAsync(Alice, new MemoryFilter { Contexts = ["docs"] });

        Assert.Equal(memories.Where(m => m.Context == "docs").Select(m => m.Id), listed.Select(m => m.Id));
        var scrolls = _server.Requests.Where(r => r.Method == "Scroll" && r.CollectionName == Names.ForModel("model-a", Vectors.Dimensions))
            .Select(r => ScrollPoints.Parser.ParseFrom(r.Message)).ToList();
        Assert.Equal(2, scrolls.Count);
        Assert.All(scrolls, s => Assert.Contains(s.Filter.Must, c => c.Field?.Key == "context" && c.Field.Match.Keyword == "docs"));
        Assert.Null(scrolls[0].Offset);
        Assert.NotNull(scrolls[1].Offset);
    }

    [Fact]
    public async Task Each_model_and_dimension_gets_its_own_cosine_collection_and_unembedded_memories_wait_in_pending()
    {
        await _store.UpsertAsync(Alice,
        [
            Memory("model a", Vectors.Random(5)),
            Memory("model b", new float[] { 0.6f, 0.8f }) with { EmbeddingModel = "org/model-b:v2" },
            Memory("not embedded", null) with { EmbeddingModel = null },
        ]);

        var a = _server.Collection(Names.ForModel("model-a", Vectors.Dimensions));
        var b = _server.Collection(Names.ForModel("org/model-b:v2", 2));
        var pending = _server.Collection("gateway_mem_pending");
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotNull(pending);
        Assert.Equal(((ulong)Vectors.Dimensions, "Cosine", 1), (a.VectorSize, a.Distance, a.PointCount));
        Assert.Equal((2ul, "Cosine", 1), (b.VectorSize, b.Distance, b.PointCount));
        Assert.Equal(1, pending.PointCount);
        Assert.StartsWith("gateway_mem_org_model_b_v2_", b.Name);
        Assert.Equal(3, _server.CollectionNames().Count);
    }

    [Fact]
    public async Task Every_collection_has_the_user_key_as_tenant_index_and_indexes_for_each_filtered_field()
    {
        var memory = Memory("fact", Vectors.Random(6));
        await _store.UpsertAsync(Alice, [memory]);
        await _store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memory.Id, Event = MemoryEvent.Add, After = memory, At = T0 }]);

        var memoryIndexes = _server.PayloadIndexes(Names.ForModel("model-a", Vectors.Dimensions));
        var metaIndexes = _server.PayloadIndexes("gateway_meta");

        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("context", "Keyword", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("confidence", "Float", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("occurredAt", "Integer", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("validTo", "Integer", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("model", "Keyword", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), metaIndexes);
        Assert.Contains(new PayloadIndexInfo("kind", "Keyword", IsTenant: false), metaIndexes);
        Assert.Single(memoryIndexes, i => i.IsTenant);
    }

    [Fact]
    public async Task Memory_ids_become_deterministic_version_5_uuids_and_stay_in_the_payload()
    {
        var memory = Memory("fact", Vectors.Random(7)) with { Id = "not-a-uuid: 42" };
        await _store.UpsertAsync(Alice, [memory]);
        await _store.UpsertAsync(Bob, [memory]);

        var upserts = _server.Requests.Where(r => r.Method == "Upsert").Select(r => UpsertPoints.Parser.ParseFrom(r.Message).Points.Single()).ToList();

        Assert.Equal(2, upserts.Count);
        Assert.Equal(QdrantPointIds.Memory(Alice, memory.Id).ToString(), upserts[0].Id.Uuid);
        Assert.Equal('5', upserts[0].Id.Uuid[14]);
        Assert.NotEqual(upserts[0].Id.Uuid, upserts[1].Id.Uuid);
        Assert.Equal(QdrantPointIds.Memory(Alice, memory.Id), QdrantPointIds.Memory(new UserKey("acme", "alice"), "not-a-uuid: 42"));
        Assert.All(upserts, p => Assert.Equal("not-a-uuid: 42", p.Payload["memoryId"].StringValue));
        Assert.Equal("not-a-uuid: 42", (await _store.GetAsync(Alice, memory.Id))?.Id);
    }

    [Fact]
    public async Task Re_embedding_moves_the_memory_out_of_the_old_models_collection()
    {
        var memory = Memory("fact", null) with { EmbeddingModel = null };
        await _store.UpsertAsync(Alice, [memory]);
        await _store.UpsertAsync(Alice, [memory with { Embedding = Vectors.Random(8), EmbeddingModel = "model-a" }]);
        await _store.UpsertAsync(Alice, [memory with { Embedding = new float[] { 1f, 0f }, EmbeddingModel = "model-b" }]);

        Assert.Equal(0, _server.Collection("gateway_mem_pending")?.PointCount);
        Assert.Equal(0, _server.Collection(Names.ForModel("model-a", Vectors.Dimensions))?.PointCount);
        Assert.Equal(1, _server.Collection(Names.ForModel("model-b", 2))?.PointCount);
        var stored = Assert.Single(await _store.ListAsync(Alice, MemoryFilter.Current));
        Assert.Equal("model-b", stored.EmbeddingModel);
        Assert.Empty(await _store.ListStaleEmbeddingsAsync("model-b", 10));
    }

    [Fact]
    public async Task Reads_on_an_empty_qdrant_create_no_collection()
    {
        Assert.Null(await _store.GetAsync(Alice, "x"));
        Assert.Empty(await _store.ListAsync(Alice, MemoryFilter.Current));
        Assert.Empty(await _store.SearchAsync(Alice, Vectors.Random(9), "model-a", MemoryFilter.Current, 5));
        Assert.Empty(await _store.GetUserHistoryAsync(Alice));
        Assert.Null(await _store.GetConsentAsync(Alice));
        Assert.False(await _store.DeleteAsync(Alice, "x"));
        await _store.DeleteUserAsync(Alice);

        Assert.Empty(_server.CollectionNames());
    }

    [Fact]
    public async Task Erasure_leaves_no_point_holding_the_users_text_in_any_collection()
    {
        const string secret = "Alice's secret recipe uses saffron";
        var memory = Memory(secret, Vectors.Random(10));
        var pending = Memory(secret + " (pending)", null) with { EmbeddingModel = null };
        await _store.UpsertAsync(Alice, [memory, pending]);
        await _store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memory.Id, Event = MemoryEvent.Add, After = memory, At = T0 }]);
        await _store.SetConsentAsync(Alice, true);
        await _store.UpsertAsync(Bob, [Memory("Bob's own fact", Vectors.Random(11))]);
        Assert.True(_server.AnyPayloadContains(secret));

        await _store.DeleteUserAsync(Alice);

        Assert.False(_server.AnyPayloadContains(secret));
        Assert.False(_server.AnyPayloadContains("4:acme:alice"));
        Assert.True(_server.AnyPayloadContains("Bob's own fact"));
        var deletes = _server.Requests.Where(r => r.Method == "Delete").Select(r => DeletePoints.Parser.ParseFrom(r.Message)).ToList();
        Assert.Equal(3, deletes.Count(d => d.Points.Filter is not null));
        Assert.All(deletes.Where(d => d.Points.Filter is not null), d => Assert.True(d.Wait));
    }

    [Fact]
    public async Task Two_deployments_with_different_prefixes_share_one_qdrant_without_seeing_each_other()
    {
        using var other = QdrantTestStores.Create(_server.Url, prefix: "staging");
        var mine = Memory("production fact", Vectors.Random(12));
        var theirs = Memory("staging fact", Vectors.Random(13));
        await _store.UpsertAsync(Alice, [mine]);
        await other.UpsertAsync(Alice, [theirs]);
        await other.SetConsentAsync(Alice, false);

        Assert.Equal([mine.Id], (await _store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([theirs.Id], (await other.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Null(await _store.GetConsentAsync(Alice));

        await _store.DeleteUserAsync(Alice);

        Assert.Equal([theirs.Id], (await other.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.All(_server.CollectionNames(), n => Assert.True(n.StartsWith("gateway_", StringComparison.Ordinal) || n.StartsWith("staging_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Replicas_racing_to_create_the_same_collections_all_succeed()
    {
        var replicas = Enumerable.Range(0, 4).Select(_ => QdrantTestStores.Create(_server.Url)).ToList();
        try
        {
            var memories = Enumerable.Range(0, 4).Select(i => Memory($"replica {i}", Vectors.Random(20 + i))).ToList();

            await Task.WhenAll(replicas.Select((r, i) => r.UpsertAsync(Alice, [memories[i]])));
            await Task.WhenAll(replicas.Select((r, i) => r.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memories[i].Id, Event = MemoryEvent.Add, At = T0 }])));

            Assert.Equal([Names.ForModel("model-a", Vectors.Dimensions), "gateway_meta"], _server.CollectionNames());
            Assert.Equal(4, (await _store.ListAsync(Alice, MemoryFilter.Current)).Count);
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
        var name = Names.ForModel("model-a", Vectors.Dimensions);
        using var otherReplica = QdrantTestStores.Client(_server.Url);
        var interceptor = new RacingCreateInterceptor(() => otherReplica.CreateCollectionAsync(name,
            new VectorParams { Size = Vectors.Dimensions, Distance = Distance.Cosine }));
        using var channel = GrpcChannel.ForAddress(_server.Url);
        using var client = new QdrantClient(new QdrantGrpcClient(channel.Intercept(interceptor)));
        using var store = new QdrantMemoryStore(client, new QdrantOptions(), TimeProvider.System, NullLogger<QdrantMemoryStore>.Instance);
        var memory = Memory("fact", Vectors.Random(36));

        await store.UpsertAsync(Alice, [memory]);

        Assert.Equal(1, interceptor.Creates);
        Assert.Contains(_server.Requests, r => r.Method == "Create" && r.CollectionName == name);
        Assert.Equal(memory.Id, (await store.GetAsync(Alice, memory.Id))?.Id);
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), _server.PayloadIndexes(name));
    }

    [Fact]
    public async Task A_collection_deleted_behind_the_store_is_created_again_on_the_next_write()
    {
        await _store.UpsertAsync(Alice, [Memory("first", Vectors.Random(30))]);
        using (var client = QdrantTestStores.Client(_server.Url))
        {
            await client.DeleteCollectionAsync(Names.ForModel("model-a", Vectors.Dimensions));
        }

        var second = Memory("second", Vectors.Random(31));
        await _store.UpsertAsync(Alice, [second]);

        Assert.Equal([second.Id], (await _store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), _server.PayloadIndexes(Names.ForModel("model-a", Vectors.Dimensions)));
    }

    [Fact]
    public async Task History_and_consent_written_by_one_replica_are_read_by_another()
    {
        using var replica = QdrantTestStores.Create(_server.Url);
        await _store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = "m1", Event = MemoryEvent.Add, At = T0, Actor = "key-1" }]);
        await _store.SetConsentAsync(Alice, false);

        var entry = Assert.Single(await replica.GetHistoryAsync(Alice, "m1"));
        Assert.Equal(("m1", MemoryEvent.Add, "key-1"), (entry.MemoryId, entry.Event, entry.Actor));
        Assert.False(await replica.GetConsentAsync(Alice));
    }

    [Fact]
    public async Task Upserting_an_embedding_without_its_model_is_rejected_before_reaching_qdrant()
    {
        var memory = Memory("fact", Vectors.Random(32)) with { EmbeddingModel = null };

        await Assert.ThrowsAsync<ArgumentException>(() => _store.UpsertAsync(Alice, [memory]));
        Assert.Empty(_server.Requests);
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
        var error = await Assert.ThrowsAsync<RpcException>(() => withoutKey.UpsertAsync(Alice, [Memory("x", Vectors.Random(33))]));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        await withKey.UpsertAsync(Alice, [Memory("x", Vectors.Random(33))]);
    }

    [Fact]
    public async Task Sharding_and_replication_settings_reach_the_created_collections()
    {
        using var clustered = QdrantTestStores.Create(new QdrantOptions
        {
            Url = _server.Url.ToString(),
            CollectionPrefix = "cluster",
            ShardNumber = 6,
            ReplicationFactor = 2,
            WriteConsistencyFactor = 2,
        });

        await clustered.UpsertAsync(Alice, [Memory("fact", Vectors.Random(34))]);

        var created = _server.Requests.Where(r => r.Method == "Create").Select(r => CreateCollection.Parser.ParseFrom(r.Message)).Single();
        Assert.Equal((6u, 2u, 2u), (created.ShardNumber, created.ReplicationFactor, created.WriteConsistencyFactor));
        Assert.Equal(Distance.Cosine, created.VectorsConfig.Params.Distance);
        Assert.Equal((6u, 2u), (_server.Collection(created.CollectionName)!.ShardNumber, _server.Collection(created.CollectionName)!.ReplicationFactor));
    }

    [Fact]
    public async Task Without_cluster_settings_qdrant_chooses_the_shard_number()
    {
        await _store.UpsertAsync(Alice, [Memory("fact", Vectors.Random(35))]);

        var created = _server.Requests.Where(r => r.Method == "Create").Select(r => CreateCollection.Parser.ParseFrom(r.Message)).Single();
        Assert.False(created.HasShardNumber);
        Assert.False(created.HasReplicationFactor);
    }

    private static QdrantCollectionNames Names { get; } = new("gateway");

    private static MemoryItem Memory(string text, float[]? embedding) => new()
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

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

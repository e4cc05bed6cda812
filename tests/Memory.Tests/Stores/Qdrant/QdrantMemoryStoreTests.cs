using Memory.Model;
using Memory.Stores;
using Memory.Stores.Qdrant;
using Qdrant.Client.Grpc;
using TestDoubles.Qdrant;

namespace Memory.Tests.Stores.Qdrant;

/// <summary>What the Qdrant store asks of Qdrant: filters pushed down, collection layout, indexes, ids, erasure,
/// prefix isolation. Runs against the loopback fake Qdrant and inspects the requests it recorded.</summary>
public sealed class QdrantMemoryStoreTests : QdrantStoreTestBase
{
    [Fact]
    public async Task Search_sends_every_filter_inside_the_qdrant_query_with_top_k_as_the_limit()
    {
        var query = TestVectors.Random(1);
        var noise = Enumerable.Range(0, 197).Select(i => Memory($"noise {i}", TestVectors.Blend(query, TestVectors.Random(100 + i), 0.95)));
        var rare = Enumerable.Range(0, 3).Select(i => Memory($"rare {i}", TestVectors.Blend(query, TestVectors.Random(500 + i), 0.1)) with { Context = "rare" }).ToList();
        await Store.UpsertAsync(Alice, [.. noise, .. rare]);
        Server.ClearRequests();

        var filter = new MemoryFilter { Contexts = ["rare"], MinConfidence = 0.5, OccurredAfter = T0.AddDays(-1) };
        var results = await Store.SearchAsync(Alice, query, "model-a", filter, 3);

        Assert.Equal(rare.Select(m => m.Id).Order(), results.Select(r => r.Memory.Id).Order());
        var sent = Assert.Single(Server.Requests);
        Assert.Equal("Query", sent.Method);
        var request = QueryPoints.Parser.ParseFrom(sent.Message);
        Assert.Equal(3ul, request.Limit);
        Assert.Equal(Names.ForModel("model-a", TestVectors.Dimensions), request.CollectionName);
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "userKey" && c.Field.Match.Keyword == "4:acme:alice");
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "context" && c.Field.Match.Keyword == "rare");
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "confidence" && c.Field.Range.Gte == 0.5);
        Assert.Contains(request.Filter.Must, c => c.Field?.Key == "occurredAt" && c.Field.Range.Gte == T0.AddDays(-1).ToUnixTimeMilliseconds());
        Assert.Contains(request.Filter.Must, c => c.IsEmpty?.Key == "validTo");
    }

    [Fact]
    public async Task Search_with_several_contexts_matches_any_of_them_in_qdrant()
    {
        await Store.UpsertAsync(Alice, [Memory("a", TestVectors.Random(2)) with { Context = "docs" }, Memory("b", TestVectors.Random(3)) with { Context = "search" }, Memory("c", TestVectors.Random(4))]);
        Server.ClearRequests();

        var results = await Store.SearchAsync(Alice, TestVectors.Random(2), "model-a", new MemoryFilter { Contexts = ["docs", "search"] }, 10);

        Assert.Equal(["a", "b"], results.Select(r => r.Memory.Text).Order());
        var request = QueryPoints.Parser.ParseFrom(Server.Requests.Single(r => r.Method == "Query").Message);
        var context = Assert.Single(request.Filter.Must, c => c.Field?.Key == "context");
        Assert.Equal(["docs", "search"], context.Field.Match.Keywords.Strings);
    }

    [Fact]
    public async Task An_empty_context_list_matches_nothing_as_in_the_sqlite_store()
    {
        await Store.UpsertAsync(Alice, [Memory("a", TestVectors.Random(40))]);

        Assert.Empty(await Store.ListAsync(Alice, new MemoryFilter { Contexts = [] }));
        Assert.Empty(await Store.SearchAsync(Alice, TestVectors.Random(40), "model-a", new MemoryFilter { Contexts = [] }, 5));
        Assert.Single(await Store.ListAsync(Alice, new MemoryFilter { Contexts = null }));
    }

    [Fact]
    public async Task A_user_key_without_tenant_or_user_is_rejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.ListAsync(new UserKey("", "alice"), MemoryFilter.Current));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteUserAsync(new UserKey("acme", "")));
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task List_pages_through_scroll_with_the_filter_in_every_page_request()
    {
        var memories = Enumerable.Range(0, 600)
            .Select(i => Memory($"fact {i}", TestVectors.Random(1000 + i)) with { Context = i % 2 == 0 ? "docs" : "chat", CreatedAt = T0.AddSeconds(i) })
            .ToList();
        await Store.UpsertAsync(Alice, memories);
        Server.ClearRequests();

        var listed = await Store.ListAsync(Alice, new MemoryFilter { Contexts = ["docs"] });

        Assert.Equal(memories.Where(m => m.Context == "docs").Select(m => m.Id), listed.Select(m => m.Id));
        var scrolls = Server.Requests.Where(r => r.Method == "Scroll" && r.CollectionName == Names.ForModel("model-a", TestVectors.Dimensions))
            .Select(r => ScrollPoints.Parser.ParseFrom(r.Message)).ToList();
        Assert.Equal(2, scrolls.Count);
        Assert.All(scrolls, s => Assert.Contains(s.Filter.Must, c => c.Field?.Key == "context" && c.Field.Match.Keyword == "docs"));
        Assert.Null(scrolls[0].Offset);
        Assert.NotNull(scrolls[1].Offset);
    }

    [Fact]
    public async Task Each_model_and_dimension_gets_its_own_cosine_collection_and_unembedded_memories_wait_in_pending()
    {
        await Store.UpsertAsync(Alice,
        [
            Memory("model a", TestVectors.Random(5)),
            Memory("model b", new float[] { 0.6f, 0.8f }) with { EmbeddingModel = "org/model-b:v2" },
            Memory("not embedded", null) with { EmbeddingModel = null },
        ]);

        var a = Server.Collection(Names.ForModel("model-a", TestVectors.Dimensions));
        var b = Server.Collection(Names.ForModel("org/model-b:v2", 2));
        var pending = Server.Collection("gateway_mem_pending");
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotNull(pending);
        Assert.Equal(((ulong)TestVectors.Dimensions, "Cosine", 1), (a.VectorSize, a.Distance, a.PointCount));
        Assert.Equal((2ul, "Cosine", 1), (b.VectorSize, b.Distance, b.PointCount));
        Assert.Equal(1, pending.PointCount);
        Assert.StartsWith("gateway_mem_org_model_b_v2_", b.Name);
        Assert.Equal(3, Server.CollectionNames().Count);
    }

    [Fact]
    public async Task Every_collection_has_the_user_key_as_tenant_index_and_indexes_for_each_filtered_field()
    {
        var memory = Memory("fact", TestVectors.Random(6));
        await Store.UpsertAsync(Alice, [memory]);
        await Store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memory.Id, Event = MemoryEvent.Add, After = memory, At = T0 }]);

        var memoryIndexes = Server.PayloadIndexes(Names.ForModel("model-a", TestVectors.Dimensions));
        var metaIndexes = Server.PayloadIndexes("gateway_meta");

        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("context", "Keyword", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("confidence", "Float", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("occurredAt", "Integer", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("validTo", "Integer", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("model", "Keyword", IsTenant: false), memoryIndexes);
        Assert.Contains(new PayloadIndexInfo("userKey", "Keyword", IsTenant: true), metaIndexes);
        Assert.Contains(new PayloadIndexInfo("kind", "Keyword", IsTenant: false), metaIndexes);
        Assert.Contains(new PayloadIndexInfo("memoryId", "Keyword", IsTenant: false), metaIndexes);
        Assert.Contains(new PayloadIndexInfo("before.memoryId", "Keyword", IsTenant: false), metaIndexes);
        Assert.Contains(new PayloadIndexInfo("after.memoryId", "Keyword", IsTenant: false), metaIndexes);
        Assert.Single(memoryIndexes, i => i.IsTenant);
    }

    [Fact]
    public async Task Memory_ids_become_deterministic_version_5_uuids_and_stay_in_the_payload()
    {
        var memory = Memory("fact", TestVectors.Random(7)) with { Id = "not-a-uuid: 42" };
        await Store.UpsertAsync(Alice, [memory]);
        await Store.UpsertAsync(Bob, [memory]);

        var upserts = Server.Requests.Where(r => r.Method == "Upsert").Select(r => UpsertPoints.Parser.ParseFrom(r.Message).Points.Single()).ToList();

        Assert.Equal(2, upserts.Count);
        Assert.Equal(QdrantPointIds.Memory(Alice, memory.Id).ToString(), upserts[0].Id.Uuid);
        Assert.Equal('5', upserts[0].Id.Uuid[14]);
        Assert.NotEqual(upserts[0].Id.Uuid, upserts[1].Id.Uuid);
        Assert.Equal(QdrantPointIds.Memory(Alice, memory.Id), QdrantPointIds.Memory(new UserKey("acme", "alice"), "not-a-uuid: 42"));
        Assert.All(upserts, p => Assert.Equal("not-a-uuid: 42", p.Payload["memoryId"].StringValue));
        Assert.Equal("not-a-uuid: 42", (await Store.GetAsync(Alice, memory.Id))?.Id);
    }

    [Fact]
    public async Task Re_embedding_moves_the_memory_out_of_the_old_models_collection()
    {
        var memory = Memory("fact", null) with { EmbeddingModel = null };
        await Store.UpsertAsync(Alice, [memory]);
        await Store.UpsertAsync(Alice, [memory with { Embedding = TestVectors.Random(8), EmbeddingModel = "model-a" }]);
        await Store.UpsertAsync(Alice, [memory with { Embedding = new float[] { 1f, 0f }, EmbeddingModel = "model-b" }]);

        Assert.Equal(0, Server.Collection("gateway_mem_pending")?.PointCount);
        Assert.Equal(0, Server.Collection(Names.ForModel("model-a", TestVectors.Dimensions))?.PointCount);
        Assert.Equal(1, Server.Collection(Names.ForModel("model-b", 2))?.PointCount);
        var stored = Assert.Single(await Store.ListAsync(Alice, MemoryFilter.Current));
        Assert.Equal("model-b", stored.EmbeddingModel);
        Assert.Empty(await Store.ListStaleEmbeddingsAsync("model-b", 10));
    }

    [Fact]
    public async Task Reads_on_an_empty_qdrant_create_no_collection()
    {
        Assert.Null(await Store.GetAsync(Alice, "x"));
        Assert.Empty(await Store.ListAsync(Alice, MemoryFilter.Current));
        Assert.Empty(await Store.SearchAsync(Alice, TestVectors.Random(9), "model-a", MemoryFilter.Current, 5));
        Assert.Empty(await Store.GetUserHistoryAsync(Alice));
        Assert.Null(await Store.GetConsentAsync(Alice));
        Assert.False(await Store.DeleteAsync(Alice, "x"));
        await Store.DeleteUserAsync(Alice);

        Assert.Empty(Server.CollectionNames());
    }

    [Fact]
    public async Task Redacting_a_deleted_memory_reads_only_the_history_entries_that_hold_it_not_the_users_whole_history()
    {
        // 600 entries about other memories: reading them all takes two scroll pages.
        var others = Enumerable.Range(0, 600).Select(i => Memory($"other fact {i}", null) with { Id = $"other-{i}" }).ToList();
        await Store.AppendHistoryAsync(Alice, [.. others.Select(m => new MemoryHistoryEntry { MemoryId = m.Id, Event = MemoryEvent.Add, After = m, At = T0 })]);
        var old = Memory("Alice lives in Lisbon.", null) with { Id = "old" };
        var replacement = Memory("Alice lives in Porto.", null) with { Id = "new" };
        await Store.AppendHistoryAsync(Alice,
        [
            new MemoryHistoryEntry { MemoryId = old.Id, Event = MemoryEvent.Add, After = old, At = T0 },
            new MemoryHistoryEntry { MemoryId = old.Id, Event = MemoryEvent.Supersede, Before = old, After = old with { ValidTo = T0.AddMinutes(1) }, At = T0.AddMinutes(1) },
            new MemoryHistoryEntry { MemoryId = replacement.Id, Event = MemoryEvent.Add, Before = old, After = replacement, At = T0.AddMinutes(1) },
        ]);
        Server.ClearRequests();

        await Store.RedactHistoryAsync(Alice, old.Id);

        var scrolls = Server.Requests.Where(r => r.Method == "Scroll" && r.CollectionName == Names.Meta).Select(r => ScrollPoints.Parser.ParseFrom(r.Message)).ToList();
        var scroll = Assert.Single(scrolls);
        var anyOf = Assert.Single(scroll.Filter.Must, c => c.Filter is not null).Filter.Should;
        Assert.Equal(["memoryId", "before.memoryId", "after.memoryId"], anyOf.Select(c => c.Field.Key));
        Assert.All(anyOf, c => Assert.Equal(old.Id, c.Field.Match.Keyword));
        var upserts = Server.Requests.Where(r => r.Method == "Upsert").Select(r => UpsertPoints.Parser.ParseFrom(r.Message)).ToList();
        Assert.Equal(3, upserts.Sum(u => u.Points.Count));
        var history = await Store.GetUserHistoryAsync(Alice);
        Assert.DoesNotContain(history.SelectMany(h => new[] { h.Before, h.After }).OfType<MemoryItem>(), s => s.Text.Contains("Lisbon", StringComparison.Ordinal));
        Assert.Equal("Alice lives in Porto.", history.Single(h => h.MemoryId == replacement.Id).After!.Text);
        Assert.Equal(600, history.Count(h => h.After!.Text.StartsWith("other fact", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Erasure_leaves_no_point_holding_the_users_text_in_any_collection()
    {
        const string secret = "Alice's secret recipe uses saffron";
        var memory = Memory(secret, TestVectors.Random(10));
        var pending = Memory(secret + " (pending)", null) with { EmbeddingModel = null };
        await Store.UpsertAsync(Alice, [memory, pending]);
        await Store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memory.Id, Event = MemoryEvent.Add, After = memory, At = T0 }]);
        await Store.SetConsentAsync(Alice, true);
        await Store.UpsertAsync(Bob, [Memory("Bob's own fact", TestVectors.Random(11))]);
        Assert.True(Server.AnyPayloadContains(secret));

        await Store.DeleteUserAsync(Alice);

        Assert.False(Server.AnyPayloadContains(secret));
        Assert.False(Server.AnyPayloadContains("4:acme:alice"));
        Assert.True(Server.AnyPayloadContains("Bob's own fact"));
        var deletes = Server.Requests.Where(r => r.Method == "Delete").Select(r => DeletePoints.Parser.ParseFrom(r.Message)).ToList();
        Assert.Equal(3, deletes.Count(d => d.Points.Filter is not null));
        Assert.All(deletes.Where(d => d.Points.Filter is not null), d => Assert.True(d.Wait));
    }

    [Fact]
    public async Task A_withdrawn_consent_written_back_after_erasure_does_not_name_the_user()
    {
        var erased = new UserKey("acme", "jane.doe@example.com");
        await Store.UpsertAsync(erased, [Memory("Jane's fact", TestVectors.Random(14))]);
        await Store.SetConsentAsync(erased, false);
        await Store.SetConsentAsync(Bob, false);

        // The refusal outlives erasure (the store keeps a withdrawn consent), and written again it is still one record.
        await Store.DeleteUserAsync(erased);
        Assert.False(await Store.GetConsentAsync(erased));
        await Store.SetConsentAsync(erased, false);

        Assert.False(await Store.GetConsentAsync(erased));
        Assert.False(await Store.GetConsentAsync(Bob));
        Assert.Null(await Store.GetConsentAsync(new UserKey("other", "jane.doe@example.com")));
        Assert.False(Server.AnyPayloadContains("jane.doe"));
    }

    [Fact]
    public async Task Two_deployments_with_different_prefixes_share_one_qdrant_without_seeing_each_other()
    {
        using var other = QdrantTestStores.Create(Server.Url, prefix: "staging");
        var mine = Memory("production fact", TestVectors.Random(12));
        var theirs = Memory("staging fact", TestVectors.Random(13));
        await Store.UpsertAsync(Alice, [mine]);
        await other.UpsertAsync(Alice, [theirs]);
        await other.SetConsentAsync(Alice, false);

        Assert.Equal([mine.Id], (await Store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([theirs.Id], (await other.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Null(await Store.GetConsentAsync(Alice));

        await Store.DeleteUserAsync(Alice);

        Assert.Equal([theirs.Id], (await other.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.All(Server.CollectionNames(), n => Assert.True(n.StartsWith("gateway_", StringComparison.Ordinal) || n.StartsWith("staging_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Upserting_an_embedding_without_its_model_is_rejected_before_reaching_qdrant()
    {
        var memory = Memory("fact", TestVectors.Random(32)) with { EmbeddingModel = null };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpsertAsync(Alice, [memory]));
        Assert.Empty(Server.Requests);
    }
}

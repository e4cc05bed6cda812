using Memory.Model;
using Memory.Stores;

namespace Memory.Tests.Conformance;

/// <summary>The behaviour every <see cref="IMemoryStore"/> must have. A short subclass per store provides the store
/// (<see cref="CreateStoreAsync"/>) and cleans it up (<see cref="DisposeStoreAsync"/>). Every test works in its own
/// fresh tenants and embedding model ids, so the suite can also run against a shared live server.</summary>
public abstract class MemoryStoreConformanceTests : IAsyncLifetime
{
    /// <summary>Vector size used by the suite (vectors are L2-normalised).</summary>
    protected const int Dimensions = 16;

    private IMemoryStore? _store;

    protected MemoryStoreConformanceTests()
    {
        var run = Guid.NewGuid().ToString("N")[..12];
        TenantA = $"tenant-a-{run}";
        TenantB = $"tenant-b-{run}";
        Model = $"conformance-model-{run}";
        OtherModel = $"conformance-other-{run}";
        Alice = new UserKey(TenantA, "alice");
        Bob = new UserKey(TenantA, "bob");
        AliceInB = new UserKey(TenantB, "alice");
    }

    /// <summary>Creates the store under test (fresh, or at least one where this test's tenants are unused).</summary>
    protected abstract Task<IMemoryStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> made (files, collections, connections).</summary>
    protected virtual Task DisposeStoreAsync(IMemoryStore store) =>
        store is IAsyncDisposable disposable ? disposable.DisposeAsync().AsTask() : Task.CompletedTask;

    protected IMemoryStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    protected string TenantA { get; }
    protected string TenantB { get; }
    protected string Model { get; }
    protected string OtherModel { get; }
    protected UserKey Alice { get; }
    protected UserKey Bob { get; }
    /// <summary>Same user id as <see cref="Alice"/>, in another tenant.</summary>
    protected UserKey AliceInB { get; }

    /// <summary>A fixed instant with whole milliseconds, so every store can round-trip it exactly.</summary>
    protected static DateTimeOffset T0 { get; } = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }
    }

    // ---- upsert / get / list -------------------------------------------------------------------------------

    [Fact]
    public async Task IsReady_is_true_for_an_open_store()
    {
        Assert.True(await Store.IsReadyAsync());
    }

    [Fact]
    public async Task Get_returns_null_for_an_unknown_memory()
    {
        Assert.Null(await Store.GetAsync(Alice, NewId()));
    }

    [Fact]
    public async Task List_of_an_unknown_user_is_empty()
    {
        Assert.Empty(await Store.ListAsync(Alice, MemoryFilter.Current));
    }

    [Fact]
    public async Task Upsert_then_get_round_trips_every_field()
    {
        var memory = Memory("Alice is vegetarian and avoids all meat and fish.", Vector(1)) with
        {
            Context = "docs",
            Confidence = 0.8125,
            OccurredAt = T0.AddDays(-3),
            CreatedAt = T0.AddMinutes(-1),
            UpdatedAt = T0,
            Sources = ["conversation:42", "message:7", "ünïcødé ✓"],
            Metadata = new Dictionary<string, string> { ["origin"] = "checks", ["lang"] = "en-GB", ["emoji"] = "🥕" },
        };

        await Store.UpsertAsync(Alice, [memory]);

        AssertSameMemory(memory, await Store.GetAsync(Alice, memory.Id));
    }

    [Fact]
    public async Task Timestamps_round_trip_to_the_millisecond_as_the_same_instant()
    {
        var occurred = new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(5.5));
        var memory = Memory("Alice moved to Pune.", Vector(2)) with
        {
            OccurredAt = occurred,
            CreatedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, 1, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(-7)),
            ValidTo = new DateTimeOffset(2025, 6, 30, 12, 0, 0, 250, TimeSpan.Zero),
        };

        await Store.UpsertAsync(Alice, [memory]);
        var stored = await Store.GetAsync(Alice, memory.Id);

        Assert.NotNull(stored);
        AssertSameInstant(memory.OccurredAt, stored.OccurredAt);
        AssertSameInstant(memory.CreatedAt, stored.CreatedAt);
        AssertSameInstant(memory.UpdatedAt, stored.UpdatedAt);
        Assert.NotNull(stored.ValidTo);
        AssertSameInstant(memory.ValidTo!.Value, stored.ValidTo.Value);
    }

    [Fact]
    public async Task Empty_sources_and_metadata_round_trip_as_empty()
    {
        var memory = Memory("Alice likes tea.", Vector(3));

        await Store.UpsertAsync(Alice, [memory]);
        var stored = await Store.GetAsync(Alice, memory.Id);

        Assert.NotNull(stored);
        Assert.Empty(stored.Sources);
        Assert.Empty(stored.Metadata);
        Assert.Null(stored.ValidTo);
    }

    [Fact]
    public async Task Upsert_accepts_a_memory_without_embedding()
    {
        var memory = Memory("Alice has not been embedded yet.", null) with { EmbeddingModel = null };

        await Store.UpsertAsync(Alice, [memory]);
        var stored = await Store.GetAsync(Alice, memory.Id);

        Assert.NotNull(stored);
        Assert.Equal(memory.Text, stored.Text);
        Assert.Null(stored.Embedding);
        Assert.Null(stored.EmbeddingModel);
    }

    [Fact]
    public async Task Upsert_with_an_existing_id_replaces_the_memory()
    {
        var original = Memory("Alice lives in Lyon.", Vector(4));
        await Store.UpsertAsync(Alice, [original]);

        var replacement = original with
        {
            Text = "Alice lives in Marseille.",
            Confidence = 0.5,
            UpdatedAt = T0.AddHours(1),
            Embedding = Vector(5),
            Sources = ["s2"],
        };
        await Store.UpsertAsync(Alice, [replacement]);

        AssertSameMemory(replacement, await Store.GetAsync(Alice, original.Id));
        Assert.Single(await Store.ListAsync(Alice, MemoryFilter.Current));
    }

    [Fact]
    public async Task Upsert_of_many_memories_in_one_call_stores_them_all()
    {
        var memories = Enumerable.Range(0, 50).Select(i => Memory($"fact {i}", Vector(100 + i)) with { CreatedAt = T0.AddSeconds(i) }).ToList();

        await Store.UpsertAsync(Alice, memories);

        var listed = await Store.ListAsync(Alice, MemoryFilter.Current);
        Assert.Equal(memories.Select(m => m.Id), listed.Select(m => m.Id));
    }

    [Fact]
    public async Task List_returns_memories_oldest_first_with_embeddings()
    {
        var newer = Memory("newer", Vector(6)) with { CreatedAt = T0.AddMinutes(5) };
        var older = Memory("older", Vector(7)) with { CreatedAt = T0.AddMinutes(-5) };
        var middle = Memory("middle", Vector(8)) with { CreatedAt = T0 };

        await Store.UpsertAsync(Alice, [newer, older]);
        await Store.UpsertAsync(Alice, [middle]);

        var listed = await Store.ListAsync(Alice, MemoryFilter.Current);
        Assert.Equal(["older", "middle", "newer"], listed.Select(m => m.Text));
        AssertVector(Vector(7), listed[0].Embedding);
        Assert.Equal(Model, listed[0].EmbeddingModel);
    }

    [Fact]
    public async Task List_excludes_superseded_memories_unless_asked()
    {
        var current = Memory("Alice lives in Marseille.", Vector(9));
        var superseded = Memory("Alice lives in Lyon.", Vector(10)) with { ValidTo = T0, CreatedAt = T0.AddDays(-1) };
        await Store.UpsertAsync(Alice, [current, superseded]);

        var currentOnly = await Store.ListAsync(Alice, MemoryFilter.Current);
        var all = await Store.ListAsync(Alice, new MemoryFilter { IncludeSuperseded = true });

        Assert.Equal([current.Id], currentOnly.Select(m => m.Id));
        Assert.Equal([superseded.Id, current.Id], all.Select(m => m.Id));
    }

    [Fact]
    public async Task List_filters_by_contexts()
    {
        var chat = Memory("chat fact", Vector(11)) with { Context = "chat" };
        var docs = Memory("docs fact", Vector(12)) with { Context = "docs", CreatedAt = T0.AddSeconds(1) };
        var search = Memory("search fact", Vector(13)) with { Context = "search", CreatedAt = T0.AddSeconds(2) };
        await Store.UpsertAsync(Alice, [chat, docs, search]);

        var listed = await Store.ListAsync(Alice, new MemoryFilter { Contexts = ["docs", "search"] });

        Assert.Equal([docs.Id, search.Id], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task List_filters_by_min_confidence_inclusively()
    {
        var low = Memory("low", Vector(14)) with { Confidence = 0.3 };
        var edge = Memory("edge", Vector(15)) with { Confidence = 0.5, CreatedAt = T0.AddSeconds(1) };
        var high = Memory("high", Vector(16)) with { Confidence = 0.9, CreatedAt = T0.AddSeconds(2) };
        await Store.UpsertAsync(Alice, [low, edge, high]);

        var listed = await Store.ListAsync(Alice, new MemoryFilter { MinConfidence = 0.5 });

        Assert.Equal([edge.Id, high.Id], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task List_filters_by_occurred_after_inclusively()
    {
        var old = Memory("old", Vector(17)) with { OccurredAt = T0.AddDays(-30) };
        var edge = Memory("edge", Vector(18)) with { OccurredAt = T0.AddDays(-7), CreatedAt = T0.AddSeconds(1) };
        var recent = Memory("recent", Vector(19)) with { OccurredAt = T0.AddDays(-1), CreatedAt = T0.AddSeconds(2) };
        await Store.UpsertAsync(Alice, [old, edge, recent]);

        var listed = await Store.ListAsync(Alice, new MemoryFilter { OccurredAfter = T0.AddDays(-7) });

        Assert.Equal([edge.Id, recent.Id], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task List_combines_all_filters()
    {
        var match = Memory("match", Vector(20)) with { Context = "docs", Confidence = 0.9, OccurredAt = T0 };
        var wrongContext = Memory("wrong context", Vector(21)) with { Context = "chat", Confidence = 0.9, OccurredAt = T0 };
        var tooUnsure = Memory("too unsure", Vector(22)) with { Context = "docs", Confidence = 0.1, OccurredAt = T0 };
        var tooOld = Memory("too old", Vector(23)) with { Context = "docs", Confidence = 0.9, OccurredAt = T0.AddYears(-1) };
        var superseded = Memory("superseded", Vector(24)) with { Context = "docs", Confidence = 0.9, OccurredAt = T0, ValidTo = T0 };
        await Store.UpsertAsync(Alice, [match, wrongContext, tooUnsure, tooOld, superseded]);

        var filter = new MemoryFilter { Contexts = ["docs"], MinConfidence = 0.5, OccurredAfter = T0.AddDays(-1) };
        var listed = await Store.ListAsync(Alice, filter);
        var withSuperseded = await Store.ListAsync(Alice, filter with { IncludeSuperseded = true });

        Assert.Equal([match.Id], listed.Select(m => m.Id));
        Assert.Equal(new[] { match.Id, superseded.Id }.Order(), withSuperseded.Select(m => m.Id).Order());
    }

    // ---- dense search ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Search_of_an_unknown_user_is_empty()
    {
        Assert.Empty(await Store.SearchAsync(Alice, Vector(1), Model, MemoryFilter.Current, 10));
    }

    [Fact]
    public async Task Search_returns_the_most_similar_memories_best_first_with_cosine_scores()
    {
        var query = Vector(30);
        var exact = Memory("exact", query);
        var near = Memory("near", Blend(query, Vector(31), 0.8));
        var far = Memory("far", Blend(query, Vector(32), 0.2));
        var opposite = Memory("opposite", Negate(query));
        await Store.UpsertAsync(Alice, [far, opposite, exact, near]);

        var results = await Store.SearchAsync(Alice, query, Model, MemoryFilter.Current, 3);

        Assert.Equal(["exact", "near", "far"], results.Select(r => r.Memory.Text));
        Assert.Equal(1.0, results[0].Score, 3);
        Assert.Equal(Cosine(query, near.Embedding!), results[1].Score, 3);
        Assert.True(results[1].Score > results[2].Score);
        Assert.Equal(far.Id, results[2].Memory.Id);
    }

    [Fact]
    public async Task Search_returns_full_memories_with_sources_and_metadata()
    {
        var memory = Memory("Alice is vegetarian.", Vector(33)) with
        {
            Sources = ["m1"],
            Metadata = new Dictionary<string, string> { ["origin"] = "checks" },
            Confidence = 0.9,
        };
        await Store.UpsertAsync(Alice, [memory]);

        var result = Assert.Single(await Store.SearchAsync(Alice, Vector(33), Model, MemoryFilter.Current, 5));

        AssertSameMemory(memory, result.Memory);
    }

    [Fact]
    public async Task Search_respects_top()
    {
        var memories = Enumerable.Range(0, 20).Select(i => Memory($"fact {i}", Vector(200 + i))).ToList();
        await Store.UpsertAsync(Alice, memories);

        Assert.Equal(5, (await Store.SearchAsync(Alice, Vector(200), Model, MemoryFilter.Current, 5)).Count);
        Assert.Equal(20, (await Store.SearchAsync(Alice, Vector(200), Model, MemoryFilter.Current, 100)).Count);
    }

    [Fact]
    public async Task Search_pushes_the_context_filter_down_before_top_k()
    {
        var query = Vector(40);
        // 197 memories very close to the query in the wrong context, 3 far ones in the right context.
        var noise = Enumerable.Range(0, 197)
            .Select(i => Memory($"noise {i}", Blend(query, Vector(1000 + i), 0.95)) with { Context = "chat" });
        var rare = Enumerable.Range(0, 3)
            .Select(i => Memory($"rare {i}", Blend(query, Vector(2000 + i), 0.1)) with { Context = "rare" })
            .ToList();
        await Store.UpsertAsync(Alice, [.. noise, .. rare]);

        var results = await Store.SearchAsync(Alice, query, Model, new MemoryFilter { Contexts = ["rare"] }, 3);

        Assert.Equal(rare.Select(m => m.Id).Order(), results.Select(r => r.Memory.Id).Order());
    }

    [Fact]
    public async Task Search_pushes_the_confidence_filter_down_before_top_k()
    {
        var query = Vector(41);
        var noise = Enumerable.Range(0, 100)
            .Select(i => Memory($"unsure {i}", Blend(query, Vector(3000 + i), 0.95)) with { Confidence = 0.2 });
        var sure = Enumerable.Range(0, 2)
            .Select(i => Memory($"sure {i}", Blend(query, Vector(4000 + i), 0.1)) with { Confidence = 0.95 })
            .ToList();
        await Store.UpsertAsync(Alice, [.. noise, .. sure]);

        var results = await Store.SearchAsync(Alice, query, Model, new MemoryFilter { MinConfidence = 0.5 }, 2);

        Assert.Equal(sure.Select(m => m.Id).Order(), results.Select(r => r.Memory.Id).Order());
    }

    [Fact]
    public async Task Search_pushes_the_occurred_after_filter_down_before_top_k()
    {
        var query = Vector(42);
        var old = Enumerable.Range(0, 100)
            .Select(i => Memory($"old {i}", Blend(query, Vector(5000 + i), 0.95)) with { OccurredAt = T0.AddYears(-2) });
        var recent = Memory("recent", Blend(query, Vector(6000), 0.1)) with { OccurredAt = T0 };
        await Store.UpsertAsync(Alice, [.. old, recent]);

        var results = await Store.SearchAsync(Alice, query, Model, new MemoryFilter { OccurredAfter = T0.AddDays(-30) }, 1);

        Assert.Equal([recent.Id], results.Select(r => r.Memory.Id));
    }

    [Fact]
    public async Task Search_excludes_superseded_memories_unless_asked()
    {
        var query = Vector(43);
        var superseded = Memory("Alice lives in Lyon.", query) with { ValidTo = T0 };
        var current = Memory("Alice lives in Marseille.", Blend(query, Vector(44), 0.5));
        await Store.UpsertAsync(Alice, [superseded, current]);

        var currentOnly = await Store.SearchAsync(Alice, query, Model, MemoryFilter.Current, 1);
        var all = await Store.SearchAsync(Alice, query, Model, new MemoryFilter { IncludeSuperseded = true }, 2);

        Assert.Equal([current.Id], currentOnly.Select(r => r.Memory.Id));
        Assert.Equal([superseded.Id, current.Id], all.Select(r => r.Memory.Id));
    }

    [Fact]
    public async Task Search_only_scores_memories_embedded_by_the_given_model()
    {
        var query = Vector(45);
        var sameModel = Memory("same model", Blend(query, Vector(46), 0.3));
        var otherModel = Memory("other model", query) with { EmbeddingModel = OtherModel };
        var notEmbedded = Memory("not embedded", null) with { EmbeddingModel = null };
        await Store.UpsertAsync(Alice, [sameModel, otherModel, notEmbedded]);

        var results = await Store.SearchAsync(Alice, query, Model, MemoryFilter.Current, 10);
        var other = await Store.SearchAsync(Alice, query, OtherModel, MemoryFilter.Current, 10);

        Assert.Equal([sameModel.Id], results.Select(r => r.Memory.Id));
        Assert.Equal([otherModel.Id], other.Select(r => r.Memory.Id));
    }

    [Fact]
    public async Task Search_sees_a_replaced_embedding()
    {
        var first = Vector(47);
        var second = Vector(48);
        var memory = Memory("moving target", first);
        var anchor = Memory("anchor", Blend(first, second, 0.5));
        await Store.UpsertAsync(Alice, [memory, anchor]);
        Assert.Equal(memory.Id, (await Store.SearchAsync(Alice, first, Model, MemoryFilter.Current, 1))[0].Memory.Id);

        await Store.UpsertAsync(Alice, [memory with { Embedding = second, Text = "moved" }]);

        var top = (await Store.SearchAsync(Alice, second, Model, MemoryFilter.Current, 1))[0];
        Assert.Equal(memory.Id, top.Memory.Id);
        Assert.Equal("moved", top.Memory.Text);
        Assert.Equal(1.0, top.Score, 3);
        Assert.Equal(anchor.Id, (await Store.SearchAsync(Alice, first, Model, MemoryFilter.Current, 1))[0].Memory.Id);
    }

    [Fact]
    public async Task Search_sees_a_memory_that_became_superseded()
    {
        var query = Vector(49);
        var memory = Memory("soon superseded", query);
        await Store.UpsertAsync(Alice, [memory]);
        Assert.Single(await Store.SearchAsync(Alice, query, Model, MemoryFilter.Current, 5));

        await Store.UpsertAsync(Alice, [memory with { ValidTo = T0 }]);

        Assert.Empty(await Store.SearchAsync(Alice, query, Model, MemoryFilter.Current, 5));
    }

    [Fact]
    public async Task Search_sees_memories_added_after_an_earlier_search()
    {
        await Store.UpsertAsync(Alice, [Memory("first", Vector(50))]);
        Assert.Single(await Store.SearchAsync(Alice, Vector(51), Model, MemoryFilter.Current, 5));

        var later = Memory("later", Vector(51));
        await Store.UpsertAsync(Alice, [later]);

        var results = await Store.SearchAsync(Alice, Vector(51), Model, MemoryFilter.Current, 5);
        Assert.Equal(2, results.Count);
        Assert.Equal(later.Id, results[0].Memory.Id);
    }

    // ---- delete ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Delete_removes_the_memory_from_get_list_and_search()
    {
        var kept = Memory("kept", Vector(60));
        var deleted = Memory("deleted", Vector(61));
        await Store.UpsertAsync(Alice, [kept, deleted]);
        await Store.SearchAsync(Alice, Vector(61), Model, MemoryFilter.Current, 5);

        Assert.True(await Store.DeleteAsync(Alice, deleted.Id));

        Assert.Null(await Store.GetAsync(Alice, deleted.Id));
        Assert.Equal([kept.Id], (await Store.ListAsync(Alice, new MemoryFilter { IncludeSuperseded = true })).Select(m => m.Id));
        Assert.Equal([kept.Id], (await Store.SearchAsync(Alice, Vector(61), Model, MemoryFilter.Current, 5)).Select(r => r.Memory.Id));
    }

    [Fact]
    public async Task Delete_of_an_unknown_memory_returns_false()
    {
        Assert.False(await Store.DeleteAsync(Alice, NewId()));
    }

    [Fact]
    public async Task Delete_keeps_the_memory_history()
    {
        var memory = Memory("short-lived", Vector(62));
        await Store.UpsertAsync(Alice, [memory]);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Add, null, memory, T0)]);

        await Store.DeleteAsync(Alice, memory.Id);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Delete, memory, null, T0.AddMinutes(1))]);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Delete], (await Store.GetHistoryAsync(Alice, memory.Id)).Select(h => h.Event));
    }

    [Fact]
    public async Task Redacting_history_removes_a_memorys_content_from_every_snapshot_of_it_and_nothing_else()
    {
        var old = Memory("Alice lives in Lisbon.", Vector(63)) with
        {
            Sources = ["turn-1"],
            Metadata = new Dictionary<string, string> { ["subject"] = "lisbon" },
        };
        var ended = old with { ValidTo = T0.AddMinutes(1), Metadata = new Dictionary<string, string> { ["supersededBy"] = "x" } };
        var replacement = Memory("Alice lives in Porto.", Vector(64)) with { Metadata = new Dictionary<string, string> { ["supersedes"] = old.Id } };
        var other = Memory("Alice has a cat.", Vector(65));
        var bobs = old with { Id = NewId() };
        await Store.UpsertAsync(Alice, [ended, replacement, other]);
        await Store.AppendHistoryAsync(Alice,
        [
            History(old.Id, MemoryEvent.Add, null, old, T0) with { Reason = "new" },
            History(other.Id, MemoryEvent.Add, null, other, T0),
            History(old.Id, MemoryEvent.Supersede, old, ended, T0.AddMinutes(1)) with { Reason = "value-changed: name" },
            History(replacement.Id, MemoryEvent.Supersede, old, replacement, T0.AddMinutes(1)) with { Reason = "value-changed: name" },
        ]);
        await Store.AppendHistoryAsync(Bob, [History(bobs.Id, MemoryEvent.Add, null, bobs, T0)]);

        await Store.RedactHistoryAsync(Alice, old.Id);
        await Store.RedactHistoryAsync(Alice, old.Id);

        var history = await Store.GetUserHistoryAsync(Alice);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Add, MemoryEvent.Supersede, MemoryEvent.Supersede], history.Select(h => h.Event));
        Assert.Equal(["new", null, "value-changed: name", "value-changed: name"], history.Select(h => h.Reason));
        var snapshots = history.SelectMany(h => new[] { h.Before, h.After }).OfType<MemoryItem>().ToList();
        Assert.All(snapshots.Where(s => s.Id == old.Id), s =>
        {
            Assert.Equal(string.Empty, s.Text);
            Assert.Empty(s.Sources);
            Assert.Empty(s.Metadata);
        });
        Assert.Equal(4, snapshots.Count(s => s.Id == old.Id));
        Assert.DoesNotContain(snapshots, s => s.Text.Contains("Lisbon", StringComparison.Ordinal));
        Assert.Contains(snapshots, s => s.Id == replacement.Id && s.Text == "Alice lives in Porto." && s.Metadata["supersedes"] == old.Id);
        Assert.Contains(snapshots, s => s.Id == other.Id && s.Text == "Alice has a cat.");
        var ends = history.Where(h => h.MemoryId == old.Id && h.Event == MemoryEvent.Supersede).Select(h => h.After!.ValidTo).Single();
        AssertSameInstant(T0.AddMinutes(1), ends!.Value);
        Assert.Equal("Alice lives in Lisbon.", (await Store.GetUserHistoryAsync(Bob)).Single().After!.Text);
        Assert.Equal("Alice lives in Lisbon.", (await Store.GetAsync(Alice, old.Id))!.Text);
    }

    [Fact]
    public async Task History_keeps_the_reason_of_each_change()
    {
        var memory = Memory("Alice's locker code is 4417.", Vector(61));
        var changed = memory with { Text = "Alice's locker code is 5520." };
        await Store.UpsertAsync(Alice, [changed]);
        await Store.AppendHistoryAsync(Alice,
        [
            History(memory.Id, MemoryEvent.Add, null, memory, T0) with { Reason = "new" },
            History(memory.Id, MemoryEvent.Update, memory, changed, T0.AddMinutes(1)) with { Reason = "value-changed: number" },
            History(memory.Id, MemoryEvent.Update, changed, changed, T0.AddMinutes(2)),
        ]);

        var history = await Store.GetHistoryAsync(Alice, memory.Id);

        Assert.Equal(["new", "value-changed: number", null], history.Select(h => h.Reason));
        Assert.Equal(["new", "value-changed: number", null], (await Store.GetUserHistoryAsync(Alice)).Select(h => h.Reason));
    }

    [Fact]
    public async Task Delete_user_removes_memories_history_and_a_given_consent_and_keeps_a_withdrawn_one()
    {
        var memory = Memory("Alice's secret recipe uses saffron.", Vector(63));
        await Store.UpsertAsync(Alice, [memory]);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Add, null, memory, T0)]);
        await Store.SetConsentAsync(Alice, false);
        await Store.SetConsentAsync(Bob, true);
        await Store.SearchAsync(Alice, Vector(63), Model, MemoryFilter.Current, 5);

        await Store.DeleteUserAsync(Alice);
        await Store.DeleteUserAsync(Bob);

        Assert.Null(await Store.GetAsync(Alice, memory.Id));
        Assert.Empty(await Store.ListAsync(Alice, new MemoryFilter { IncludeSuperseded = true }));
        Assert.Empty(await Store.SearchAsync(Alice, Vector(63), Model, new MemoryFilter { IncludeSuperseded = true }, 5));
        Assert.Empty(await Store.GetHistoryAsync(Alice, memory.Id));
        Assert.Empty(await Store.GetUserHistoryAsync(Alice));

        // A withdrawal holds no text and outlives erasure, with no moment where the default (on) shows through.
        Assert.False(await Store.GetConsentAsync(Alice));
        Assert.Null(await Store.GetConsentAsync(Bob));
    }

    [Fact]
    public async Task Consent_reads_follow_every_change_in_order()
    {
        Assert.Null(await Store.GetConsentAsync(Alice));
        await Store.SetConsentAsync(Alice, false);
        Assert.False(await Store.GetConsentAsync(Alice));
        Assert.Null(await Store.GetConsentAsync(Bob));
        await Store.SetConsentAsync(Alice, true);
        Assert.True(await Store.GetConsentAsync(Alice));
        await Store.SetConsentAsync(Alice, false);
        await Store.DeleteUserAsync(Alice);
        Assert.False(await Store.GetConsentAsync(Alice));
        await Store.SetConsentAsync(Alice, true);
        await Store.DeleteUserAsync(Alice);
        Assert.Null(await Store.GetConsentAsync(Alice));
        await Store.SetConsentAsync(Alice, false);
        Assert.False(await Store.GetConsentAsync(Alice));
        Assert.Null(await Store.GetConsentAsync(AliceInB));
    }

    [Fact]
    public async Task Delete_user_leaves_other_users_and_tenants_untouched()
    {
        var alice = Memory("alice fact", Vector(64));
        var bob = Memory("bob fact", Vector(65));
        var aliceInB = Memory("alice in tenant b", Vector(66));
        await Store.UpsertAsync(Alice, [alice]);
        await Store.UpsertAsync(Bob, [bob]);
        await Store.UpsertAsync(AliceInB, [aliceInB]);
        await Store.AppendHistoryAsync(Bob, [History(bob.Id, MemoryEvent.Add, null, bob, T0)]);
        await Store.AppendHistoryAsync(AliceInB, [History(aliceInB.Id, MemoryEvent.Add, null, aliceInB, T0)]);
        await Store.SetConsentAsync(Bob, true);
        await Store.SetConsentAsync(AliceInB, false);

        await Store.DeleteUserAsync(Alice);

        Assert.Equal([bob.Id], (await Store.ListAsync(Bob, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([aliceInB.Id], (await Store.ListAsync(AliceInB, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Single(await Store.SearchAsync(Bob, Vector(65), Model, MemoryFilter.Current, 5));
        Assert.Single(await Store.SearchAsync(AliceInB, Vector(66), Model, MemoryFilter.Current, 5));
        Assert.Single(await Store.GetUserHistoryAsync(Bob));
        Assert.Single(await Store.GetUserHistoryAsync(AliceInB));
        Assert.True(await Store.GetConsentAsync(Bob));
        Assert.False(await Store.GetConsentAsync(AliceInB));
    }

    // ---- erasure tombstones -------------------------------------------------------------------------------

    [Fact]
    public async Task Erasure_tombstones_carry_growing_generations_per_user_and_outlive_the_erasure()
    {
        var tombstones = Assert.IsAssignableFrom<IErasureTombstoneStore>(Store);
        var before = await tombstones.GetLatestErasureGenerationAsync();
        Assert.Equal(0, await tombstones.GetErasureGenerationAsync(Alice));

        var first = await tombstones.RecordErasureAsync(Alice);
        await Store.UpsertAsync(Alice, [Memory("alice again", Vector(70))]);
        await Store.DeleteUserAsync(Alice);
        var second = await tombstones.RecordErasureAsync(Bob);
        var third = await tombstones.RecordErasureAsync(Alice);

        Assert.True(first > before);
        Assert.True(second > first);
        Assert.True(third > second);
        Assert.Equal(third, await tombstones.GetErasureGenerationAsync(Alice));
        Assert.Equal(second, await tombstones.GetErasureGenerationAsync(Bob));
        Assert.Equal(0, await tombstones.GetErasureGenerationAsync(AliceInB));
        Assert.True(await tombstones.GetLatestErasureGenerationAsync() >= third);
    }

    [Fact]
    public async Task Delete_user_of_an_unknown_user_succeeds()
    {
        await Store.DeleteUserAsync(new UserKey(TenantA, "nobody"));
        Assert.Empty(await Store.ListAsync(new UserKey(TenantA, "nobody"), MemoryFilter.Current));
    }

    [Fact]
    public async Task A_user_can_write_again_after_erasure()
    {
        await Store.UpsertAsync(Alice, [Memory("before erasure", Vector(67))]);
        await Store.DeleteUserAsync(Alice);

        var after = Memory("after erasure", Vector(68));
        await Store.UpsertAsync(Alice, [after]);

        Assert.Equal([after.Id], (await Store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([after.Id], (await Store.SearchAsync(Alice, Vector(68), Model, MemoryFilter.Current, 5)).Select(r => r.Memory.Id));
    }

    // ---- isolation ------------------------------------------------------------------------------------------

    [Fact]
    public async Task Users_in_one_tenant_never_see_each_other()
    {
        var alice = Memory("Alice is vegetarian.", Vector(70));
        await Store.UpsertAsync(Alice, [alice]);
        await Store.UpsertAsync(Bob, [Memory("Bob loves steak.", Vector(71))]);

        Assert.Null(await Store.GetAsync(Bob, alice.Id));
        Assert.DoesNotContain(await Store.ListAsync(Bob, new MemoryFilter { IncludeSuperseded = true }), m => m.Id == alice.Id);
        Assert.DoesNotContain(await Store.SearchAsync(Bob, Vector(70), Model, new MemoryFilter { IncludeSuperseded = true }, 10), r => r.Memory.Id == alice.Id);
        Assert.False(await Store.DeleteAsync(Bob, alice.Id));
        Assert.NotNull(await Store.GetAsync(Alice, alice.Id));
    }

    [Fact]
    public async Task The_same_user_id_in_two_tenants_is_two_users()
    {
        var inA = Memory("tenant A's alice", Vector(72));
        var inB = Memory("tenant B's alice", Vector(73));
        await Store.UpsertAsync(Alice, [inA]);
        await Store.UpsertAsync(AliceInB, [inB]);
        await Store.SetConsentAsync(AliceInB, false);

        Assert.Equal([inA.Id], (await Store.ListAsync(Alice, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([inB.Id], (await Store.ListAsync(AliceInB, MemoryFilter.Current)).Select(m => m.Id));
        Assert.Equal([inA.Id], (await Store.SearchAsync(Alice, Vector(73), Model, MemoryFilter.Current, 10)).Select(r => r.Memory.Id));
        Assert.Null(await Store.GetAsync(AliceInB, inA.Id));
        Assert.Null(await Store.GetConsentAsync(Alice));
    }

    [Fact]
    public async Task The_same_memory_id_under_two_users_is_two_memories()
    {
        var id = NewId();
        var forAlice = Memory("alice's version", Vector(74)) with { Id = id };
        var forBob = Memory("bob's version", Vector(75)) with { Id = id };

        await Store.UpsertAsync(Alice, [forAlice]);
        await Store.UpsertAsync(Bob, [forBob]);

        Assert.Equal("alice's version", (await Store.GetAsync(Alice, id))?.Text);
        Assert.Equal("bob's version", (await Store.GetAsync(Bob, id))?.Text);
        Assert.True(await Store.DeleteAsync(Bob, id));
        Assert.Equal("alice's version", (await Store.GetAsync(Alice, id))?.Text);
    }

    [Fact]
    public async Task History_is_scoped_to_the_user()
    {
        var memory = Memory("alice fact", Vector(76));
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Add, null, memory, T0)]);

        Assert.Empty(await Store.GetHistoryAsync(Bob, memory.Id));
        Assert.Empty(await Store.GetHistoryAsync(AliceInB, memory.Id));
        Assert.Empty(await Store.GetUserHistoryAsync(Bob));
        Assert.Empty(await Store.GetUserHistoryAsync(AliceInB));
    }

    // ---- history --------------------------------------------------------------------------------------------

    [Fact]
    public async Task History_of_an_unknown_memory_is_empty()
    {
        Assert.Empty(await Store.GetHistoryAsync(Alice, NewId()));
    }

    [Fact]
    public async Task History_round_trips_event_before_after_when_and_actor()
    {
        var before = Memory("Alice lives in Lyon.", Vector(80)) with
        {
            Sources = ["m1"],
            Metadata = new Dictionary<string, string> { ["k"] = "v" },
            Confidence = 0.7,
        };
        var after = before with { Text = "Alice lives in Lyon, France.", Sources = ["m1", "m2"], Confidence = 0.85, UpdatedAt = T0.AddMinutes(3) };
        var entry = History(before.Id, MemoryEvent.Update, before, after, T0.AddMinutes(3)) with { Actor = "key-17" };

        await Store.AppendHistoryAsync(Alice, [entry]);

        var stored = Assert.Single(await Store.GetHistoryAsync(Alice, before.Id));
        Assert.Equal(before.Id, stored.MemoryId);
        Assert.Equal(MemoryEvent.Update, stored.Event);
        Assert.Equal("key-17", stored.Actor);
        AssertSameInstant(entry.At, stored.At);
        Assert.NotNull(stored.Before);
        Assert.NotNull(stored.After);
        Assert.Equal(before.Text, stored.Before.Text);
        Assert.Equal(after.Text, stored.After.Text);
        Assert.Equal(["m1"], stored.Before.Sources);
        Assert.Equal(["m1", "m2"], stored.After.Sources);
        Assert.Equal("v", stored.After.Metadata["k"]);
        Assert.Equal(0.85, stored.After.Confidence, 6);
        AssertSameInstant(after.UpdatedAt, stored.After.UpdatedAt);
    }

    [Fact]
    public async Task History_keeps_null_before_and_after_and_actor()
    {
        var memory = Memory("added", Vector(81));
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Add, null, memory, T0) with { Actor = null }]);

        var stored = Assert.Single(await Store.GetHistoryAsync(Alice, memory.Id));
        Assert.Null(stored.Before);
        Assert.Null(stored.Actor);
        Assert.Equal("added", stored.After?.Text);
    }

    [Fact]
    public async Task History_is_returned_oldest_first_whatever_the_append_order()
    {
        var memory = Memory("evolving", Vector(82));
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Update, memory, memory, T0.AddMinutes(2))]);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Add, null, memory, T0)]);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Delete, memory, null, T0.AddMinutes(5))]);

        var events = (await Store.GetHistoryAsync(Alice, memory.Id)).Select(h => h.Event);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update, MemoryEvent.Delete], events);
    }

    [Fact]
    public async Task History_entries_at_the_same_instant_keep_their_append_order()
    {
        var memory = Memory("same instant", Vector(83));
        await Store.AppendHistoryAsync(Alice,
        [
            History(memory.Id, MemoryEvent.Add, null, memory, T0),
            History(memory.Id, MemoryEvent.Update, memory, memory, T0),
            History(memory.Id, MemoryEvent.Noop, memory, memory, T0),
        ]);
        await Store.AppendHistoryAsync(Alice, [History(memory.Id, MemoryEvent.Supersede, memory, memory, T0)]);

        var events = (await Store.GetHistoryAsync(Alice, memory.Id)).Select(h => h.Event);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update, MemoryEvent.Noop, MemoryEvent.Supersede], events);
    }

    [Fact]
    public async Task History_of_one_memory_excludes_other_memories()
    {
        var first = Memory("first", Vector(84));
        var second = Memory("second", Vector(85));
        await Store.AppendHistoryAsync(Alice,
        [
            History(first.Id, MemoryEvent.Add, null, first, T0),
            History(second.Id, MemoryEvent.Add, null, second, T0.AddSeconds(1)),
        ]);

        Assert.Equal([first.Id], (await Store.GetHistoryAsync(Alice, first.Id)).Select(h => h.MemoryId));
    }

    [Fact]
    public async Task User_history_holds_every_memory_of_the_user_oldest_first()
    {
        var first = Memory("first", Vector(86));
        var second = Memory("second", Vector(87));
        await Store.AppendHistoryAsync(Alice, [History(second.Id, MemoryEvent.Add, null, second, T0.AddSeconds(10))]);
        await Store.AppendHistoryAsync(Alice, [History(first.Id, MemoryEvent.Add, null, first, T0)]);
        await Store.AppendHistoryAsync(Alice, [History(first.Id, MemoryEvent.Delete, first, null, T0.AddSeconds(20))]);
        await Store.AppendHistoryAsync(Bob, [History(NewId(), MemoryEvent.Add, null, first, T0.AddSeconds(5))]);

        var history = await Store.GetUserHistoryAsync(Alice);

        Assert.Equal(
            [(first.Id, MemoryEvent.Add), (second.Id, MemoryEvent.Add), (first.Id, MemoryEvent.Delete)],
            history.Select(h => (h.MemoryId, h.Event)));
    }

    // ---- consent --------------------------------------------------------------------------------------------

    [Fact]
    public async Task Consent_is_null_when_never_set()
    {
        Assert.Null(await Store.GetConsentAsync(Alice));
    }

    [Fact]
    public async Task Consent_round_trips_and_can_change()
    {
        await Store.SetConsentAsync(Alice, false);
        Assert.False(await Store.GetConsentAsync(Alice));

        await Store.SetConsentAsync(Alice, true);
        Assert.True(await Store.GetConsentAsync(Alice));

        await Store.SetConsentAsync(Alice, false);
        Assert.False(await Store.GetConsentAsync(Alice));
        Assert.Null(await Store.GetConsentAsync(Bob));
    }

    // ---- re-embedding ---------------------------------------------------------------------------------------

    [Fact]
    public async Task Stale_embeddings_lists_memories_of_any_user_not_embedded_by_the_model()
    {
        var fresh = Memory("fresh", Vector(90));
        var staleAlice = Memory("stale alice", Vector(91)) with { EmbeddingModel = OtherModel };
        var staleBob = Memory("stale bob", Vector(92)) with { EmbeddingModel = OtherModel };
        var staleInB = Memory("never embedded", null) with { EmbeddingModel = null };
        await Store.UpsertAsync(Alice, [fresh, staleAlice]);
        await Store.UpsertAsync(Bob, [staleBob]);
        await Store.UpsertAsync(AliceInB, [staleInB]);

        var stale = (await Store.ListStaleEmbeddingsAsync(Model, 100_000))
            .Where(s => s.User.Tenant == TenantA || s.User.Tenant == TenantB)
            .Select(s => (s.User, s.Memory.Id))
            .OrderBy(s => s.Id)
            .ToList();

        var expected = new[] { (Alice, staleAlice.Id), (Bob, staleBob.Id), (AliceInB, staleInB.Id) }.OrderBy(s => s.Item2);
        Assert.Equal(expected, stale);
    }

    [Fact]
    public async Task Stale_embeddings_respects_max_and_returns_the_memory_text()
    {
        var stale = Enumerable.Range(0, 10).Select(i => Memory($"stale {i}", Vector(300 + i)) with { EmbeddingModel = OtherModel }).ToList();
        await Store.UpsertAsync(Alice, stale);

        var listed = await Store.ListStaleEmbeddingsAsync(Model, 4);

        Assert.Equal(4, listed.Count);
        var mine = listed.Where(s => s.User == Alice).ToList();
        Assert.All(mine, s => Assert.Equal(stale.Single(m => m.Id == s.Memory.Id).Text, s.Memory.Text));
    }

    [Fact]
    public async Task Stale_embeddings_shrinks_as_memories_are_re_embedded()
    {
        var stale = Enumerable.Range(0, 3).Select(i => Memory($"stale {i}", Vector(400 + i)) with { EmbeddingModel = OtherModel }).ToList();
        await Store.UpsertAsync(Alice, stale);

        await Store.UpsertAsync(Alice, [stale[0] with { EmbeddingModel = Model, Embedding = Vector(500) }]);

        var remaining = (await Store.ListStaleEmbeddingsAsync(Model, 100_000)).Where(s => s.User == Alice).Select(s => s.Memory.Id).Order();
        Assert.Equal(new[] { stale[1].Id, stale[2].Id }.Order(), remaining);
        Assert.Equal([stale[0].Id], (await Store.SearchAsync(Alice, Vector(500), Model, MemoryFilter.Current, 5)).Select(r => r.Memory.Id));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    protected static string NewId() => Guid.NewGuid().ToString();

    /// <summary>A current memory of this test's model, created at <see cref="T0"/>.</summary>
    protected MemoryItem Memory(string text, float[]? embedding) => new()
    {
        Id = NewId(),
        Text = text,
        Context = "chat",
        Confidence = 0.9,
        OccurredAt = T0,
        CreatedAt = T0,
        UpdatedAt = T0,
        Embedding = embedding,
        EmbeddingModel = embedding is null ? null : Model,
    };

    protected static MemoryHistoryEntry History(string memoryId, MemoryEvent e, MemoryItem? before, MemoryItem? after, DateTimeOffset at) => new()
    {
        MemoryId = memoryId,
        Event = e,
        Before = before,
        After = after,
        At = at,
        Actor = "conformance",
    };

    /// <summary>A deterministic, L2-normalised pseudo-random vector.</summary>
    protected static float[] Vector(int seed)
    {
        var random = new Random(seed);
        var v = new float[Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return Normalise(v);
    }

    /// <summary>Normalised <c>w*a + (1-w)*b</c>: w near 1 is close to a.</summary>
    protected static float[] Blend(float[] a, float[] b, double w)
    {
        var v = new float[a.Length];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(w * a[i] + (1 - w) * b[i]);
        }

        return Normalise(v);
    }

    protected static float[] Negate(float[] a) => a.Select(x => -x).ToArray();

    protected static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / (Math.Sqrt(na) * Math.Sqrt(nb));
    }

    private static float[] Normalise(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return v.Select(x => (float)(x / norm)).ToArray();
    }

    protected static void AssertSameInstant(DateTimeOffset expected, DateTimeOffset actual)
    {
        var difference = (expected.UtcDateTime - actual.UtcDateTime).Duration();
        Assert.True(difference < TimeSpan.FromMilliseconds(1), $"expected {expected:O}, got {actual:O}");
    }

    protected static void AssertVector(float[]? expected, float[]? actual)
    {
        if (expected is null)
        {
            Assert.Null(actual);
            return;
        }

        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    protected static void AssertSameMemory(MemoryItem expected, MemoryItem? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Context, actual.Context);
        Assert.Equal(expected.Confidence, actual.Confidence, 6);
        AssertSameInstant(expected.OccurredAt, actual.OccurredAt);
        AssertSameInstant(expected.CreatedAt, actual.CreatedAt);
        AssertSameInstant(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.ValidTo is null, actual.ValidTo is null);
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
        Assert.Equal(expected.EmbeddingModel, actual.EmbeddingModel);
        AssertVector(expected.Embedding, actual.Embedding);
    }
}

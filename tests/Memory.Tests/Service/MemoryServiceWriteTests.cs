using Memory.Model;
using Memory.Stores;
using Memory.Tests.Support;

namespace Memory.Tests.Service;

public sealed class MemoryServiceWriteTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Write_adds_new_memories_with_defaults_and_the_clock()
    {
        var results = await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "  Alice   is vegetarian. " }], "key-1");

        var result = Assert.Single(results);
        Assert.Equal(MemoryEvent.Add, result.Event);
        var stored = await _h.Store.GetAsync(Alice, result.Id);
        Assert.NotNull(stored);
        Assert.Equal("Alice is vegetarian.", stored.Text);
        Assert.Equal("chat", stored.Context);
        Assert.Equal(1.0, stored.Confidence);
        Assert.Equal(_h.Time.GetUtcNow(), stored.OccurredAt);
        Assert.Equal(_h.Time.GetUtcNow(), stored.CreatedAt);
        Assert.Equal(_h.Time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal("fake-embedder", stored.EmbeddingModel);
        Assert.Equal(_h.Embedder.Embed("Alice is vegetarian."), stored.Embedding);
    }

    [Fact]
    public async Task Write_keeps_context_confidence_occurred_at_sources_and_metadata()
    {
        var occurred = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var result = (await _h.Service.WriteAsync(Alice, [new NewMemory
        {
            Text = "Alice prefers short answers.",
            Context = "docs",
            Confidence = 0.8,
            OccurredAt = occurred,
            Sources = ["m2"],
            Metadata = new Dictionary<string, string> { ["origin"] = "checks" },
        }], null))[0];

        var stored = await _h.Service.GetAsync(Alice, result.Id);
        Assert.NotNull(stored);
        Assert.Equal("docs", stored.Context);
        Assert.Equal(0.8, stored.Confidence);
        Assert.Equal(occurred, stored.OccurredAt);
        Assert.Equal(["m2"], stored.Sources);
        Assert.Equal("checks", stored.Metadata["origin"]);
        Assert.Null(stored.Embedding);
    }

    [Fact]
    public async Task Writing_the_same_text_again_is_a_noop()
    {
        var memory = new NewMemory { Text = "Alice is vegetarian and avoids all meat and fish.", Confidence = 0.9, Sources = ["m1"], Metadata = new Dictionary<string, string> { ["origin"] = "checks" } };
        var first = (await _h.Service.WriteAsync(Alice, [memory], null))[0];
        _h.Time.Advance(TimeSpan.FromHours(1));

        var second = (await _h.Service.WriteAsync(Alice, [memory], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Noop), second);
        Assert.Single(await _h.Service.ListAsync(Alice, includeSuperseded: true));
        Assert.Single(await _h.Service.GetHistoryAsync(Alice, first.Id));
    }

    [Fact]
    public async Task Writing_the_same_normalised_text_is_a_noop_and_keeps_the_stored_wording()
    {
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is vegetarian." }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "  ALICE is   Vegetarian!! " }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Noop), second);
        Assert.Equal("Alice is vegetarian.", (await _h.Service.GetAsync(Alice, first.Id))?.Text);
    }

    [Fact]
    public async Task A_repeat_with_a_new_source_unions_sources_and_reinforces_confidence()
    {
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice runs marathons.", Confidence = 0.6, Sources = ["m1"] }], null))[0];
        _h.Time.Advance(TimeSpan.FromMinutes(5));

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "alice runs marathons", Confidence = 0.8, Sources = ["m2", "m1"] }], "key-2"))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        var stored = await _h.Service.GetAsync(Alice, first.Id);
        Assert.NotNull(stored);
        Assert.Equal(["m1", "m2"], stored.Sources);
        Assert.Equal(1 - 0.4 * (1 - 0.8 * 0.5), stored.Confidence, 10);
        Assert.Equal(_h.Time.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(_h.Time.GetUtcNow().AddMinutes(-5), stored.CreatedAt);
    }

    [Fact]
    public async Task A_repeat_without_a_new_source_only_raises_confidence_to_the_new_value()
    {
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes jazz.", Confidence = 0.5 }], null))[0];

        var lower = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes jazz.", Confidence = 0.3 }], null))[0];
        var higher = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice likes jazz.", Confidence = 0.7 }], null))[0];

        Assert.Equal(MemoryEvent.Noop, lower.Event);
        Assert.Equal(MemoryEvent.Update, higher.Event);
        Assert.Equal(0.7, (await _h.Service.GetAsync(Alice, first.Id))?.Confidence);
    }

    [Fact]
    public async Task A_repeat_with_new_metadata_updates_and_overlays_it()
    {
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice owns a cat.", Metadata = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice owns a cat.", Metadata = new Dictionary<string, string> { ["b"] = "3", ["c"] = "4" } }], null))[0];

        Assert.Equal(MemoryEvent.Update, second.Event);
        var metadata = (await _h.Service.GetAsync(Alice, first.Id))!.Metadata;
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "3", ["c"] = "4" }, metadata);
    }

    [Fact]
    public async Task A_near_duplicate_by_cosine_merges_and_keeps_the_more_specific_wording()
    {
        _h.Embedder.Pin("Alice lives in Lyon.", Axis(1.0));
        _h.Embedder.Pin("Alice lives in Lyon, France.", Axis(0.95));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon.", Sources = ["m1"] }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon, France.", Sources = ["m2"] }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        var stored = await _h.Store.GetAsync(Alice, first.Id);
        Assert.Equal("Alice lives in Lyon, France.", stored?.Text);
        Assert.Equal(Axis(0.95), stored?.Embedding);
        Assert.Equal(["m1", "m2"], stored?.Sources);
        Assert.Single(await _h.Service.ListAsync(Alice, includeSuperseded: true));
    }

    [Fact]
    public async Task A_memory_below_the_cosine_threshold_is_added()
    {
        _h.Embedder.Pin("Alice lives in Lyon.", Axis(1.0));
        _h.Embedder.Pin("Alice works in Lyon.", Axis(0.85));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon." }], null);

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice works in Lyon." }], null))[0];

        Assert.Equal(MemoryEvent.Add, second.Event);
        Assert.Equal(2, (await _h.Service.ListAsync(Alice, false)).Count);
    }

    [Fact]
    public async Task The_cosine_threshold_is_configurable()
    {
        _h.Dedup.CurrentValue = new() { CosineThreshold = 0.8 };
        _h.Embedder.Pin("Alice lives in Lyon.", Axis(1.0));
        _h.Embedder.Pin("Alice works in Lyon.", Axis(0.85));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon." }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice works in Lyon." }], null))[0];

        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task The_same_text_in_another_context_is_another_memory()
    {
        var chat = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice prefers metric units.", Context = "chat" }], null))[0];

        var docs = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice prefers metric units.", Context = "docs" }], null))[0];

        Assert.Equal(MemoryEvent.Add, docs.Event);
        Assert.NotEqual(chat.Id, docs.Id);
    }

    [Fact]
    public async Task A_superseded_memory_is_not_a_dedup_target()
    {
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon." }], null))[0];
        var stored = await _h.Store.GetAsync(Alice, first.Id);
        await _h.Store.UpsertAsync(Alice, [stored! with { ValidTo = _h.Time.GetUtcNow() }]);

        var again = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice lives in Lyon." }], null))[0];

        Assert.Equal(MemoryEvent.Add, again.Event);
        Assert.NotEqual(first.Id, again.Id);
    }

    [Fact]
    public async Task Duplicates_within_one_batch_merge()
    {
        var results = await _h.Service.WriteAsync(Alice,
        [
            new NewMemory { Text = "Alice has a dog named Rex.", Sources = ["m1"] },
            new NewMemory { Text = "Alice plays chess." },
            new NewMemory { Text = "alice has a dog named rex", Sources = ["m1"] },
            new NewMemory { Text = "Alice has a dog named Rex!", Sources = ["m3"] },
        ], null);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Add, MemoryEvent.Noop, MemoryEvent.Update], results.Select(r => r.Event));
        Assert.Equal(results[0].Id, results[2].Id);
        Assert.Equal(results[0].Id, results[3].Id);
        var memories = await _h.Service.ListAsync(Alice, false);
        Assert.Equal(2, memories.Count);
        Assert.Equal(["m1", "m3"], memories.Single(m => m.Id == results[0].Id).Sources);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update], (await _h.Service.GetHistoryAsync(Alice, results[0].Id)).Select(h => h.Event));
    }

    [Fact]
    public async Task A_whole_batch_is_embedded_in_one_call()
    {
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "one" }, new NewMemory { Text = "two" }, new NewMemory { Text = "three" }], null);

        var call = Assert.Single(_h.Embedder.Calls);
        Assert.Equal(["one", "two", "three"], call);
    }

    [Fact]
    public async Task Every_change_is_recorded_in_history_with_before_after_time_and_actor()
    {
        var added = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice drinks coffee.", Confidence = 0.5 }], "key-1"))[0];
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice drinks coffee.", Confidence = 0.9 }], "key-2");
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Service.PatchAsync(Alice, added.Id, new MemoryPatch { Context = "docs" }, "key-3");
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.Service.DeleteAsync(Alice, added.Id, "key-4");

        var history = await _h.Service.GetHistoryAsync(Alice, added.Id);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update, MemoryEvent.Update, MemoryEvent.Delete], history.Select(h => h.Event));
        Assert.Equal(["key-1", "key-2", "key-3", "key-4"], history.Select(h => h.Actor));
        Assert.Equal(history.Select(h => h.At).Order(), history.Select(h => h.At));
        Assert.Null(history[0].Before);
        Assert.Equal(0.5, history[1].Before?.Confidence);
        Assert.Equal(0.9, history[1].After?.Confidence);
        Assert.Equal("docs", history[2].After?.Context);
        Assert.Equal(added.Id, history[3].Before?.Id);
        Assert.Null(history[3].After);
        Assert.All(history, h => Assert.Null(h.After?.Embedding));

        // The delete took the text out of every snapshot (Memory:KeepDeletedText is off by default).
        Assert.All(history.SelectMany(h => new[] { h.Before, h.After }).OfType<MemoryItem>(), s => Assert.Equal(string.Empty, s.Text));
    }

    [Fact]
    public async Task Writes_refuse_invalid_input_and_store_nothing()
    {
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "   " }], null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = new string('x', 4001) }], null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "ok" }, new NewMemory { Text = "bad", Confidence = 1.5 }], null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "ok", Confidence = -0.1 }], null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(Alice, [new NewMemory { Text = "ok", Context = " " }], null));
        await Assert.ThrowsAsync<MemoryValidationException>(() => _h.Service.WriteAsync(new UserKey("acme", ""), [new NewMemory { Text = "ok" }], null));

        Assert.Empty(await _h.Service.ListAsync(Alice, true));
        Assert.Empty(_h.Embedder.Calls);
    }

    [Fact]
    public async Task Text_of_exactly_4000_characters_is_accepted()
    {
        var result = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = new string('x', 4000) }], null))[0];

        Assert.Equal(MemoryEvent.Add, result.Event);
    }

    [Fact]
    public async Task When_the_embedder_fails_the_write_is_stored_without_vectors_and_re_embedded_later()
    {
        _h.Embedder.Fail = true;
        var result = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is learning Rust." }], null))[0];
        var again = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice is learning Rust." }], null))[0];
        Assert.Equal(MemoryEvent.Add, result.Event);
        Assert.Equal(new MemoryWriteResult(result.Id, MemoryEvent.Noop), again);
        Assert.Null((await _h.Store.GetAsync(Alice, result.Id))?.Embedding);

        _h.Embedder.Fail = false;
        Assert.Equal(1, await _h.CreateReembedding().RunOnceAsync(10));

        var stored = await _h.Store.GetAsync(Alice, result.Id);
        Assert.Equal("fake-embedder", stored?.EmbeddingModel);
        Assert.Single(await _h.Store.SearchAsync(Alice, _h.Embedder.Embed("Alice is learning Rust."), "fake-embedder", MemoryFilter.Current, 3));
    }

    private static float[] Axis(double cosine)
    {
        var v = new float[64];
        v[0] = (float)cosine;
        v[1] = (float)Math.Sqrt(1 - cosine * cosine);
        return v;
    }
}

using Memory.Model;
using Memory.Tests.Support;

namespace Memory.Tests.Dedup;

/// <summary>Direct writes through the memory service (real SQLite) under the shared de-duplication rule: similar
/// memories that differ in a detail stay apart, the same slot's new value updates with history, and the history
/// says why.</summary>
public sealed class MemoryServiceDedupTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Facts_that_differ_only_by_a_number_are_both_kept_however_similar()
    {
        _h.Embedder.Pin("Durable fact 3 about kiwi-3.", Axis(1.0));
        _h.Embedder.Pin("Durable fact 4 about kiwi-4.", Axis(0.99));

        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Durable fact 3 about kiwi-3." }], null))[0];
        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Durable fact 4 about kiwi-4." }], null))[0];

        Assert.Equal(MemoryEvent.Add, first.Event);
        Assert.Equal(MemoryEvent.Add, second.Event);
        Assert.Equal(["Durable fact 3 about kiwi-3.", "Durable fact 4 about kiwi-4."], (await _h.Service.ListAsync(Alice, false)).Select(m => m.Text));
        Assert.Equal("new", Assert.Single(await _h.Service.GetHistoryAsync(Alice, first.Id)).Reason);
        Assert.Equal("distinct: number", Assert.Single(await _h.Service.GetHistoryAsync(Alice, second.Id)).Reason);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(0.2)]
    public async Task A_new_value_of_the_same_slot_updates_and_history_keeps_the_old_one(double cosine)
    {
        _h.Embedder.Pin("My locker code is 4417.", Axis(1.0));
        _h.Embedder.Pin("My locker code is 5520.", Axis(cosine));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "My locker code is 4417.", Sources = ["m1"] }], "key-1"))[0];
        _h.Time.Advance(TimeSpan.FromDays(1));

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "My locker code is 5520.", Sources = ["m2"], Confidence = 0.9 }], "key-2"))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        var current = Assert.Single(await _h.Service.ListAsync(Alice, false));
        Assert.Equal("My locker code is 5520.", current.Text);
        Assert.Equal(0.9, current.Confidence);
        Assert.Equal(_h.Time.GetUtcNow(), current.OccurredAt);
        Assert.Equal(["m1", "m2"], current.Sources);
        Assert.Equal(_h.Embedder.Embed("My locker code is 5520."), (await _h.Store.GetAsync(Alice, first.Id))?.Embedding);
        var history = await _h.Service.GetHistoryAsync(Alice, first.Id);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update], history.Select(h => h.Event));
        Assert.Equal("My locker code is 4417.", history[1].Before?.Text);
        Assert.Equal("value-changed: number", history[1].Reason);
    }

    [Fact]
    public async Task A_paraphrase_keeping_every_detail_adds_nothing()
    {
        _h.Embedder.Pin("I have two cats.", Axis(1.0));
        _h.Embedder.Pin("I have 2 cats.", Axis(0.95));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I have two cats." }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I have 2 cats." }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Noop), second);
        Assert.Single(await _h.Service.ListAsync(Alice, true));
    }

    /// <summary>Tenth session's audit: a paraphrase with the same details and no word of its own was an UPDATE that
    /// swapped in the longer wording; it adds nothing, so it is a NOOP and the stored text stays.</summary>
    [Theory]
    [InlineData("I don't eat pork.", "I do not eat pork.")]
    [InlineData("My son is 7 years old.", "My son is seven years old.")]
    [InlineData("I weigh 80 kg.", "I weigh 80 kilograms.")]
    [InlineData("I love hiking in the mountains.", "I really love hiking in the mountains!")]
    public async Task A_longer_paraphrase_without_a_word_of_its_own_is_a_noop(string stored, string incoming)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(0.97));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Noop), second);
        Assert.Equal(stored, Assert.Single(await _h.Service.ListAsync(Alice, true)).Text);
    }

    /// <summary>Tenth session's audit: the user's age, weight, home and count of pets said of "I" were two facts
    /// side by side, the stale value still current.</summary>
    [Theory]
    [InlineData("I'm 34.", "I'm 35.", "value-changed: number")]
    [InlineData("I weigh 80 kg.", "I weigh 76 kg.", "value-changed: number")]
    [InlineData("I live in Lyon.", "I live in Paris.", "value-changed: name")]
    [InlineData("I have two cats.", "I have three cats.", "value-changed: number")]
    [InlineData("I can swim.", "I can't swim.", "negated")]
    public async Task The_users_own_attribute_with_a_new_value_updates(string stored, string incoming, string reason)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(0.5));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        Assert.Equal(incoming, Assert.Single(await _h.Service.ListAsync(Alice, false)).Text);
        var history = await _h.Service.GetHistoryAsync(Alice, first.Id);
        Assert.Equal(stored, history[^1].Before?.Text);
        Assert.Equal(reason, history[^1].Reason);
    }

    /// <summary>Fifteenth session: texts an embedder finds alike that hold another kind of value, or a number that
    /// counts against the same number said as an hour, were an UPDATE that lost the first fact; both are kept.</summary>
    [Theory]
    [InlineData("My brother was born in 1990.", "My brother was born in Leeds.", "distinct: number, name")]
    [InlineData("My phone number is 07700 900123.", "My phone number is on my CV.", "distinct: number, name")]
    [InlineData("My commute is 20 minutes.", "My commute is 12 miles.", "distinct: number, unit")]
    [InlineData("I have 5 cats.", "I have cats and feed them at 5pm.", "distinct: number, time")]
    [InlineData("I have 4 cats.", "I feed the cats at 4.", "distinct: number")]
    public async Task A_similar_text_with_another_kind_of_value_is_added_beside_it(string stored, string incoming, string reason)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(0.97));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.Equal(MemoryEvent.Add, second.Event);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(new[] { stored, incoming }.Order(StringComparer.Ordinal), (await _h.Service.ListAsync(Alice, false)).Select(m => m.Text).Order(StringComparer.Ordinal));
        Assert.Equal(reason, Assert.Single(await _h.Service.GetHistoryAsync(Alice, second.Id)).Reason);
    }

    [Fact]
    public async Task The_same_statement_negated_updates_with_the_reason_negated()
    {
        _h.Embedder.Pin("I eat meat.", Axis(1.0));
        _h.Embedder.Pin("I don't eat meat.", Axis(0.5));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I eat meat." }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I don't eat meat." }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        Assert.Equal("I don't eat meat.", (await _h.Service.GetAsync(Alice, first.Id))?.Text);
        Assert.Equal("negated", (await _h.Service.GetHistoryAsync(Alice, first.Id))[^1].Reason);
    }

    [Fact]
    public async Task A_similar_fact_with_another_name_is_added_beside_it()
    {
        _h.Embedder.Pin("Alice has a dog named Rex.", Axis(0.5));
        _h.Embedder.Pin("Alice has a dog named Max.", Axis(0.51));

        var results = await _h.Service.WriteAsync(Alice,
        [
            new NewMemory { Text = "Alice has a dog named Rex." },
            new NewMemory { Text = "Alice has a dog named Max." },
        ], null);

        Assert.Equal([MemoryEvent.Add, MemoryEvent.Add], results.Select(r => r.Event));
        Assert.Equal("distinct: name", Assert.Single(await _h.Service.GetHistoryAsync(Alice, results[1].Id)).Reason);
    }

    [Fact]
    public async Task A_refinement_takes_the_more_detailed_wording_with_the_reason_refined()
    {
        _h.Embedder.Pin("Alice has a dog.", Axis(1.0));
        _h.Embedder.Pin("Alice has a dog named Rex.", Axis(0.93));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice has a dog." }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice has a dog named Rex." }], null))[0];
        var third = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice has a dog." }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Noop), third);
        Assert.Equal("Alice has a dog named Rex.", (await _h.Service.GetAsync(Alice, first.Id))?.Text);
        Assert.Equal("refined: name", (await _h.Service.GetHistoryAsync(Alice, first.Id))[^1].Reason);
    }

    [Fact]
    public async Task Patch_and_delete_record_their_reason()
    {
        var added = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "Alice drinks coffee." }], null))[0];
        await _h.Service.PatchAsync(Alice, added.Id, new MemoryPatch { Text = "Alice drinks tea." }, "key-1");
        await _h.Service.DeleteAsync(Alice, added.Id, "key-1");

        Assert.Equal(["new", "patch", "delete"], (await _h.Service.GetHistoryAsync(Alice, added.Id)).Select(h => h.Reason));
    }

    /// <summary>The same-text shortcut (before any similarity) must not drop the signs that carry a value: a
    /// currency, a sign, a symbol after a word. Pinned to the same vector, so only the text tells them apart.</summary>
    [Theory]
    [InlineData("My rent is $1200 a month.", "My rent is €1200 a month.")]
    [InlineData("My blood type is A+.", "My blood type is A-.")]
    [InlineData("My freezer is set to -18 degrees.", "My freezer is set to 18 degrees.")]
    [InlineData("I program mainly in C++.", "I program mainly in C.")]
    [InlineData("My daughter's medicine dose is 1,5 ml.", "My daughter's medicine dose is 15 ml.")]
    public async Task A_value_that_differs_only_in_a_sign_is_never_absorbed(string stored, string incoming)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(1.0));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null);

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.NotEqual(MemoryEvent.Noop, second.Event);
        Assert.Contains(incoming, (await _h.Service.ListAsync(Alice, false)).Select(m => m.Text));
        var reason = (await _h.Service.GetHistoryAsync(Alice, second.Id))[^1].Reason;
        Assert.True(reason is not null && reason != "reinforced", reason);
    }

    [Theory]
    [InlineData("My rent is $1200 a month.", "my rent is  $1200 a month")]
    [InlineData("My sister lives in São Paulo.", "my sister lives in Sao Paulo")]
    public async Task The_same_text_in_another_case_spacing_or_accents_is_still_one_memory(string stored, string incoming)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(0.2));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null);

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.Equal(MemoryEvent.Noop, second.Event);
    }

    /// <summary>Texts the embedder finds unlike (cosine 0.2) still reach the rule through the prefilter when they may
    /// be one fact: the same words in another spelling, time or currency form, a statement said of the past, a broader
    /// negation, a slot's subject spelled another way, the same statement said to hold "now" (thirteenth session: each
    /// of these was an ADD).</summary>
    [Theory]
    [InlineData("I wake up at 7am.", "I wake up at 07:00.", MemoryEvent.Noop)]
    [InlineData("It costs $50 a month.", "It costs 50 dollars a month.", MemoryEvent.Noop)]
    [InlineData("I go to bed at midnight.", "I go to bed at 12am.", MemoryEvent.Noop)]
    [InlineData("I live in Paris.", "I used to live in Paris.", MemoryEvent.Update)]
    [InlineData("I play rugby.", "I used to play rugby.", MemoryEvent.Update)]
    [InlineData("I drink coffee every morning.", "I no longer drink coffee.", MemoryEvent.Update)]
    [InlineData("My favorite movie is Alien.", "My favourite movie is Heat.", MemoryEvent.Update)]
    [InlineData("I go to the gym on Mondays.", "I go to the gym on Tuesdays now.", MemoryEvent.Update)]
    [InlineData("I wake up at 6am.", "I wake up at 7am now.", MemoryEvent.Update)]
    public async Task Unlike_vectors_still_meet_the_rule_when_the_texts_may_be_one_fact(string stored, string incoming, MemoryEvent expected)
    {
        _h.Embedder.Pin(stored, Axis(1.0));
        _h.Embedder.Pin(incoming, Axis(0.2));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = stored }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = incoming }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, expected), second);
        Assert.Equal([expected == MemoryEvent.Noop ? stored : incoming], (await _h.Service.ListAsync(Alice, false)).Select(m => m.Text));
    }

    /// <summary>One memory serves every feature: a slot's new value learned in chat updates the value search learned,
    /// so the stale one is never injected beside it; anything else another feature holds stays its own.</summary>
    [Fact]
    public async Task A_new_value_updates_the_slot_another_feature_holds()
    {
        _h.Embedder.Pin("My locker code is 4417.", Axis(1.0));
        _h.Embedder.Pin("My locker code is 5520.", Axis(0.95));
        _h.Embedder.Pin("I like green tea.", Axis(0.2));
        var first = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "My locker code is 4417.", Context = "search" }], null))[0];
        var tea = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I like green tea.", Context = "search" }], null))[0];

        var second = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "My locker code is 5520.", Context = "chat" }], null))[0];
        var sameTea = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = "I like green tea.", Context = "chat" }], null))[0];

        Assert.Equal(new MemoryWriteResult(first.Id, MemoryEvent.Update), second);
        Assert.Equal(MemoryEvent.Add, sameTea.Event);
        Assert.NotEqual(tea.Id, sameTea.Id);
        var current = await _h.Service.ListAsync(Alice, false);
        Assert.Equal(["My locker code is 5520.", "I like green tea.", "I like green tea."], current.Select(m => m.Text));
        Assert.Equal("value-changed: number", (await _h.Service.GetHistoryAsync(Alice, first.Id))[^1].Reason);
    }

    private static float[] Axis(double cosine)
    {
        var v = new float[64];
        v[0] = (float)cosine;
        v[1] = (float)Math.Sqrt(1 - cosine * cosine);
        return v;
    }
}

using Memory.Model;
using Memory.Stores;

namespace Memory.Tests.WriteBack;

public sealed class ConsolidationTests
{
    private static readonly DateTimeOffset Day1 = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = new(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task New_fact_is_added_with_slot_sources_and_history()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t1", "I'm allergic to peanuts"));

        var memory = Assert.Single(h.Store.All(Turns.User));
        Assert.Equal("The user is allergic to peanuts", memory.Text);
        Assert.Equal(["t1:0"], memory.Sources);
        Assert.Equal("allergy", memory.Metadata["slot"]);
        Assert.Equal(0.9, memory.Confidence);
        Assert.Equal(WriteBackHarness.EmbeddingModel, memory.EmbeddingModel);
        var entry = Assert.Single(await h.Store.GetHistoryAsync(Turns.User, memory.Id));
        Assert.Equal(MemoryEvent.Add, entry.Event);
        Assert.Equal("write-back", entry.Actor);
        Assert.Contains(Turns.User, h.Retriever.Invalidated);
    }

    [Fact]
    public async Task Moving_supersedes_the_old_city_and_history_keeps_both()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t1", "I live in Lisbon", at: Day1));
        await h.SayAsync(Turns.Say("t2", "I moved to Porto", at: Day2));

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
        var old = Assert.Single(h.Store.All(Turns.User), m => m.Text == "The user lives in Lisbon");
        var current = Assert.Single(h.Store.All(Turns.User), m => m.Text == "The user lives in Porto");
        Assert.Equal(h.Time.GetUtcNow(), old.ValidTo);
        Assert.Equal(current.Id, old.Metadata["supersededBy"]);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Supersede], (await h.Store.GetHistoryAsync(Turns.User, old.Id)).Select(e => e.Event));
        var newHistory = Assert.Single(await h.Store.GetHistoryAsync(Turns.User, current.Id));
        Assert.Equal(MemoryEvent.Supersede, newHistory.Event);
        Assert.Equal(old.Id, newHistory.Before?.Id);
    }

    [Fact]
    public async Task An_older_statement_never_supersedes_a_newer_one()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t2", "I moved to Porto", at: Day2));
        await h.SayAsync(Turns.Say("t1", "I live in Lisbon", at: Day1));

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task An_older_statement_processed_later_becomes_history_as_if_told_first()
    {
        // Issue 18 item 4: the turns of one user may be consolidated out of order (two replicas, a retry); the
        // statement's own time decides, so the older one becomes the newer one's past instead of being dropped.
        await using var inOrder = new WriteBackHarness();
        await inOrder.SayAsync(Turns.Say("t1", "I live in Lisbon", at: Day1));
        await inOrder.SayAsync(Turns.Say("t2", "I moved to Porto", at: Day2));
        await using var outOfOrder = new WriteBackHarness();
        await outOfOrder.SayAsync(Turns.Say("t2", "I moved to Porto", at: Day2));
        await outOfOrder.SayAsync(Turns.Say("t1", "I live in Lisbon", at: Day1));

        foreach (var h in new[] { inOrder, outOfOrder })
        {
            Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
            var current = Assert.Single(h.Store.All(Turns.User), m => m.Text == "The user lives in Porto");
            var old = Assert.Single(h.Store.All(Turns.User), m => m.Text == "The user lives in Lisbon");
            Assert.NotNull(old.ValidTo);
            Assert.Equal(Day1, old.OccurredAt);
            Assert.Equal(current.Id, old.Metadata["supersededBy"]);
            Assert.Equal(MemoryEvent.Supersede, (await h.Store.GetHistoryAsync(Turns.User, old.Id))[^1].Event);
        }

        // A replay of the late turn stores nothing twice.
        await outOfOrder.SayAsync(Turns.Say("t1", "I live in Lisbon", at: Day1));
        Assert.Single(outOfOrder.Store.All(Turns.User), m => m.Text == "The user lives in Lisbon");
        var lisbon = Assert.Single(outOfOrder.Store.All(Turns.User), m => m.Text == "The user lives in Lisbon");
        Assert.Single(await outOfOrder.Store.GetHistoryAsync(Turns.User, lisbon.Id));
    }

    [Fact]
    public async Task Memory_written_directly_without_slot_is_superseded_too()
    {
        await using var h = new WriteBackHarness();
        await h.Store.UpsertAsync(Turns.User, [new MemoryItem { Id = "direct-1", Text = "The user lives in Lisbon", OccurredAt = Day1, CreatedAt = Day1, UpdatedAt = Day1 }]);

        await h.SayAsync(Turns.Say("t2", "I just moved to Porto", at: Day2));

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
        Assert.NotNull((await h.Store.GetAsync(Turns.User, "direct-1"))!.ValidTo);
    }

    [Fact]
    public async Task Repeating_a_fact_updates_it_with_unioned_sources_and_reinforced_confidence()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t1", "I love jazz", at: Day1));
        await h.SayAsync(Turns.Say("t2", "I really love jazz", at: Day2));

        var memory = Assert.Single(h.Store.All(Turns.User));
        Assert.Equal(["t1:0", "t2:0"], memory.Sources);
        Assert.True(memory.Confidence > 0.9);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Update], (await h.Store.GetHistoryAsync(Turns.User, memory.Id)).Select(e => e.Event));
    }

    [Fact]
    public async Task Forget_deletes_the_memory_and_history_records_it()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I like jazz and hiking", at: Day1));
        var jazz = Assert.Single(h.Store.All(Turns.User), m => m.Text == "The user likes jazz");

        await h.SayAsync(Turns.Say("t2", "Forget that I like jazz", at: Day2));

        Assert.Equal(["The user likes hiking"], h.Store.CurrentTexts(Turns.User));
        Assert.Null(await h.Store.GetAsync(Turns.User, jazz.Id));
        var history = await h.Store.GetHistoryAsync(Turns.User, jazz.Id);
        Assert.Equal([MemoryEvent.Add, MemoryEvent.Delete], history.Select(e => e.Event));
        Assert.Null(history[^1].After);
    }

    [Fact]
    public async Task No_longer_statement_deletes_the_matching_memory()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I'm vegetarian", at: Day1));

        await h.SayAsync(Turns.Say("t2", "I'm not vegetarian anymore", at: Day2));

        Assert.Empty(h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Retraction_that_matches_nothing_is_a_noop()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I love hiking", at: Day1));

        await h.SayAsync(Turns.Say("t2", "I don't like jazz anymore", at: Day2));

        Assert.Equal(["The user loves hiking"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Multi_valued_facts_accumulate()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t1", "I speak Portuguese", at: Day1));
        await h.SayAsync(Turns.Say("t2", "I speak French", at: Day2));

        Assert.Equal(["The user speaks French", "The user speaks Portuguese"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task A_new_dislike_supersedes_the_like_of_the_same_thing()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Say("t1", "I love country music", at: Day1));
        await h.SayAsync(Turns.Say("t2", "I hate country music", at: Day2));

        Assert.Equal(["The user dislikes country music"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task The_same_fact_twice_in_one_turn_is_stored_once()
    {
        await using var h = new WriteBackHarness();

        await h.SayAsync(Turns.Chat("t1", ("t1:0", "I live in Porto."), ("t1:1", "Yes, I live in Porto")));

        var memory = Assert.Single(h.Store.All(Turns.User));
        Assert.Equal(["t1:0", "t1:1"], memory.Sources);
    }

    [Fact]
    public async Task Listing_current_memories_excludes_superseded_ones()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I work at Google", at: Day1));
        await h.SayAsync(Turns.Say("t2", "I work at Microsoft", at: Day2));

        var current = await h.Store.ListAsync(Turns.User, MemoryFilter.Current);

        Assert.Equal(["The user works at Microsoft"], current.Select(m => m.Text));
    }
}

using System.Text;
using Memory.Model;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.DependencyInjection;
using TestDoubles;

namespace Memory.Tests.WriteBack;

public sealed class OutboxTests
{
    [Fact]
    public async Task Enqueue_is_on_disk_when_it_returns_and_idempotent_by_turn_id()
    {
        await using var h = new WriteBackHarness();

        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Porto"));
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Porto"));

        Assert.Equal(new WriteBackStats(1, 0, 0), await h.Admin.GetStatsAsync());
        Assert.True(File.Exists(Path.Combine(h.Directory, "writeback-outbox.db")));
    }

    [Fact]
    public async Task Re_enqueue_of_a_processed_turn_is_a_noop()
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", "I love jazz"));

        await h.SayAsync(Turns.Say("t1", "I love jazz"));

        var memory = Assert.Single(h.Store.All(Turns.User));
        Assert.Single(await h.Store.GetHistoryAsync(Turns.User, memory.Id));
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task Turns_of_a_user_whose_consent_is_withdrawn_are_not_enqueued()
    {
        await using var h = new WriteBackHarness();
        await h.Store.SetConsentAsync(Turns.User, false);

        await h.SayAsync(Turns.Say("t1", "I live in Porto"));

        Assert.Equal(new WriteBackStats(0, 0, 0), await h.Admin.GetStatsAsync());
        Assert.Empty(h.Store.All(Turns.User));
    }

    [Fact]
    public async Task Turns_pending_when_consent_is_withdrawn_are_dropped_not_processed()
    {
        await using var h = new WriteBackHarness();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Porto"));
        await h.Store.SetConsentAsync(Turns.User, false);

        await h.DrainAsync();

        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task Consent_withdrawn_while_the_facts_are_extracted_drops_the_turn()
    {
        // The race of a slow extraction: the turn passed the consent check when it was picked up, then the user
        // withdrew consent while the model answered. Nothing may be written.
        WriteBackHarness? harness = null;
        await using var h = harness = new WriteBackHarness(configure: services => services.AddSingleton<IFactExtractor>(sp =>
            new WithdrawingExtractor(sp.GetRequiredService<HeuristicFactExtractor>(), () => harness!.Store)));
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Porto"));

        await h.DrainAsync();

        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task In_llm_mode_a_withdrawal_during_extraction_keeps_the_memories_from_the_consolidation_model()
    {
        var chat = new Fakes.FakeChatClient { Respond = _ => """{"decisions": [{"fact": 0, "event": "ADD", "targets": [], "text": null}]}""" };
        WriteBackHarness? harness = null;
        await using var h = harness = new WriteBackHarness(mode: "llm", chat: chat, configure: services => services.AddSingleton<IFactExtractor>(sp =>
            new WithdrawingExtractor(sp.GetRequiredService<HeuristicFactExtractor>(), () => harness!.Store, withdrawOn: "t2")));
        await h.SayAsync(Turns.Say("t1", "I live in Lisbon"));
        var before = chat.Calls.Count;
        Assert.Single(h.Store.All(Turns.User));

        await h.SayAsync(Turns.Say("t2", "I moved to Porto"));

        Assert.Equal(before, chat.Calls.Count); // the decider was not shown the user's memories
        Assert.Single(h.Store.All(Turns.User));
    }

    private sealed class WithdrawingExtractor(HeuristicFactExtractor inner, Func<InMemoryMemoryStore> store, string? withdrawOn = null) : IFactExtractor
    {
        public async Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
        {
            var facts = inner.Extract(turn);
            Assert.NotEmpty(facts);
            if (withdrawOn is null || turn.TurnId == withdrawOn)
            {
                await store().SetConsentAsync(turn.User, false, cancellationToken);
            }

            return facts;
        }
    }

    [Fact]
    public async Task Erasure_removes_pending_turns_and_their_text_from_the_files()
    {
        await using var h = new WriteBackHarness();
        var other = new UserKey("tenant-a", "user-2");
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "My name is Zebulon-Marker"));
        await h.Outbox.EnqueueAsync(Turns.Say("t2", "I live in Porto", user: other));

        var removed = await h.Admin.EraseUserAsync(Turns.User);
        await h.DrainAsync();

        Assert.Equal(1, removed);
        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(other));
        foreach (var file in Directory.GetFiles(h.Directory))
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(file);
            }
            catch (FileNotFoundException)
            {
                continue; // SQLite removed its -wal or -shm file since it was listed: nothing of it can hold the text
            }

            Assert.DoesNotContain("Zebulon-Marker", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failing_turn_backs_off_then_is_poisoned_and_kept_for_inspection()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:MaxAttempts"] = "2" });
        h.Store.BeforeWrite = _ => throw new IOException("disk gone");
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Porto"));

        await h.DrainAsync();
        Assert.Equal(new WriteBackStats(1, 0, 0), await h.Admin.GetStatsAsync());
        await h.DrainAsync(); // still backing off: nothing claimed
        h.Time.Advance(TimeSpan.FromSeconds(6));
        await h.DrainAsync();

        var poisoned = Assert.Single(await h.Admin.ListPoisonedAsync());
        Assert.Equal("t1", poisoned.TurnId);
        Assert.Equal(2, poisoned.Attempts);
        Assert.Equal("IOException", poisoned.LastError);

        h.Store.BeforeWrite = null;
        Assert.True(await h.Admin.RetryPoisonedAsync("t1"));
        await h.DrainAsync();
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Each_users_turns_are_processed_in_order()
    {
        await using var h = new WriteBackHarness();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Lisbon", at: new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero)));
        await h.Outbox.EnqueueAsync(Turns.Say("t2", "I moved to Porto", at: new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)));

        await h.DrainAsync();

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }
    [Fact]
    public async Task An_open_turn_waits_for_its_answer_then_is_written_back_with_it()
    {
        await using var h = new WriteBackHarness();
        var turn = Turns.Say("t1", "I live in Porto");

        Assert.True(await h.Outbox.OpenTurnAsync(turn));
        await h.DrainAsync();
        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(1, 0, 0), await h.Admin.GetStatsAsync());

        await h.Outbox.CloseTurnAsync(turn with { AssistantAnswer = "Porto is lovely." });
        await h.DrainAsync();

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task An_abandoned_turn_is_forgotten()
    {
        await using var h = new WriteBackHarness();
        var turn = Turns.Say("t1", "I live in Porto");
        await h.Outbox.OpenTurnAsync(turn);

        await h.Outbox.AbandonTurnAsync(turn.TurnId);
        await h.Outbox.CloseTurnAsync(turn); // too late: nothing to close
        await h.DrainAsync();

        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 0), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task An_open_turn_holds_back_the_same_users_later_turns_but_not_other_users()
    {
        await using var h = new WriteBackHarness();
        var other = new UserKey("tenant-a", "user-2");
        var first = Turns.Say("t1", "I live in Lisbon", at: new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await h.Outbox.OpenTurnAsync(first);
        await h.Outbox.EnqueueAsync(Turns.Say("t2", "I moved to Porto", at: new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)));
        await h.Outbox.EnqueueAsync(Turns.Say("t3", "I love jazz", user: other));

        await h.DrainAsync();
        Assert.Empty(h.Store.All(Turns.User));
        Assert.Single(h.Store.All(other));

        await h.Outbox.CloseTurnAsync(first);
        await h.DrainAsync();
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Turns_left_open_by_a_stopped_process_are_written_back_after_a_restart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wb-open-" + Guid.NewGuid().ToString("N"));
        var store = new InMemoryMemoryStore();
        try
        {
            await using (var before = new WriteBackHarness(directory: directory, store: store))
            {
                await before.Outbox.OpenTurnAsync(Turns.Say("t1", "I live in Porto"));
            }

            await using var after = new WriteBackHarness(directory: directory, store: store);
            await after.DrainAsync();

            Assert.Equal(["The user lives in Porto"], after.Store.CurrentTexts(Turns.User));
        }
        finally
        {
            WriteBackHarness.DeleteDirectory(directory);
        }
    }

    [Fact]
    public async Task A_users_turns_wait_until_the_conversation_pauses_or_the_most_delay_passes()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Memory:WriteBack:QuietPeriod"] = "00:00:03",
            ["Memory:WriteBack:MaxDelay"] = "00:00:10",
        };
        await using var h = new WriteBackHarness(settings: settings);
        var other = new UserKey("tenant-a", "user-2");

        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Lisbon"));
        await h.DrainAsync();
        Assert.Empty(h.Store.All(Turns.User));

        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.Outbox.EnqueueAsync(Turns.Say("t2", "I love jazz", user: other));
        await h.DrainAsync();
        Assert.Single(h.Store.All(Turns.User)); // quiet for 3 s: written back
        Assert.Empty(h.Store.All(other)); // just spoke

        // A conversation that never pauses is still written back once its oldest turn waited the most delay.
        for (var i = 0; i < 4; i++)
        {
            h.Time.Advance(TimeSpan.FromSeconds(2));
            await h.Outbox.EnqueueAsync(Turns.Say($"o{i}", $"I have a cat number {i}", user: other));
            await h.DrainAsync();
        }

        Assert.Empty(h.Store.All(other));
        h.Time.Advance(TimeSpan.FromSeconds(2));
        await h.Outbox.EnqueueAsync(Turns.Say("o9", "I have a dog", user: other));
        await h.DrainAsync();
        Assert.NotEmpty(h.Store.All(other));
    }

    [Fact]
    public async Task A_turn_that_cannot_be_due_yet_does_not_wake_the_worker_but_one_that_may_be_does()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:QuietPeriod"] = "00:00:03" });
        var signal = h.Services.GetRequiredService<WriteBackSignal>();

        // Recorded just now: the user's conversation is not quiet yet, so waking the worker would only make it scan.
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Lisbon", at: h.Time.GetUtcNow()));
        var quick = Turns.Say("t2", "I love jazz", at: h.Time.GetUtcNow());
        await h.Outbox.OpenTurnAsync(quick);
        await h.Outbox.CloseTurnAsync(quick with { AssistantAnswer = "Nice." });
        Assert.False(signal.IsPending);

        // A call that took longer than the quiet period closes a turn that may be due at once.
        var slow = Turns.Say("t3", "I have a cat", user: new UserKey("tenant-a", "user-2"), at: h.Time.GetUtcNow() - TimeSpan.FromSeconds(3));
        await h.Outbox.OpenTurnAsync(slow);
        await h.Outbox.CloseTurnAsync(slow with { AssistantAnswer = "Cute." });
        Assert.True(signal.IsPending);

        // The turns not signalled are still written back once the conversation pauses.
        h.Time.Advance(TimeSpan.FromSeconds(3));
        await h.DrainAsync();
        Assert.Equal(2, h.Store.All(Turns.User).Count);
    }

    [Fact]
    public async Task Without_a_quiet_period_every_turn_wakes_the_worker()
    {
        await using var h = new WriteBackHarness();
        var signal = h.Services.GetRequiredService<WriteBackSignal>();

        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Lisbon", at: h.Time.GetUtcNow()));

        Assert.True(signal.IsPending);
    }

    [Fact]
    public async Task An_open_turn_never_closed_is_written_back_after_the_open_turn_timeout()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:OpenTurnTimeout"] = "00:15:00" });
        await h.Outbox.OpenTurnAsync(Turns.Say("t1", "I live in Lisbon", at: new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero)));
        await h.Outbox.EnqueueAsync(Turns.Say("t2", "I moved to Porto", at: new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)));

        h.Time.Advance(TimeSpan.FromMinutes(14));
        await h.DrainAsync();
        Assert.Empty(h.Store.All(Turns.User));

        h.Time.Advance(TimeSpan.FromMinutes(2));
        await h.DrainAsync();
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Enqueueing_a_turn_left_open_completes_it_but_a_finished_turn_stays_finished()
    {
        await using var h = new WriteBackHarness();
        var turn = Turns.Say("t1", "I live in Porto");
        await h.Outbox.OpenTurnAsync(turn);

        await h.Outbox.EnqueueAsync(turn with { AssistantAnswer = "Nice." });
        await h.DrainAsync();
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));

        await h.Outbox.EnqueueAsync(turn);
        await h.DrainAsync();
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }
}

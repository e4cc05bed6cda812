using Memory.Model;
using Memory.Stores;
using Memory.WriteBack;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace Memory.Tests.WriteBack;

/// <summary>Erasure is final: a turn that started before its user's erasure never writes afterwards, wherever it
/// was when the erasure came (not yet opened, queued, claimed); turns that start after it are written back.</summary>
public sealed class ErasureFinalityTests
{
    private static IErasureTombstones Tombstones(WriteBackHarness h) => h.Services.GetRequiredService<IErasureTombstones>();

    /// <summary>What the erasure endpoint does, in its order: tombstone, outbox, store.</summary>
    private static async Task EraseAsync(WriteBackHarness h, UserKey user)
    {
        await Tombstones(h).RecordAsync(user);
        await h.Admin.EraseUserAsync(user);
        await h.Store.DeleteUserAsync(user);
    }

    [Fact]
    public async Task A_turn_that_started_before_the_erasure_is_refused_when_it_is_opened_afterwards()
    {
        await using var h = new WriteBackHarness();
        var started = await Tombstones(h).CurrentAsync();

        await EraseAsync(h, Turns.User);
        var opened = await h.Outbox.OpenTurnAsync(Turns.Say("t1", "I live in Paris") with { ErasureGeneration = started });
        await h.Outbox.CloseTurnAsync(Turns.Say("t1", "I live in Paris") with { ErasureGeneration = started, AssistantAnswer = "Nice." });
        await h.DrainAsync();

        Assert.False(opened);
        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 0), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task A_queued_turn_whose_user_is_erased_before_the_worker_takes_it_is_dropped()
    {
        await using var h = new WriteBackHarness();
        var started = await Tombstones(h).CurrentAsync();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I live in Paris") with { ErasureGeneration = started });

        // Only the tombstone so far: the worker must see it even before the outbox rows are deleted.
        await Tombstones(h).RecordAsync(Turns.User);
        await h.DrainAsync();

        Assert.Empty(h.Store.All(Turns.User));
        Assert.Equal(new WriteBackStats(0, 0, 1), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task Turns_that_start_after_the_erasure_are_written_back_and_other_users_are_untouched()
    {
        await using var h = new WriteBackHarness();
        var bob = new UserKey(Turns.User.Tenant, "bob");
        var before = await Tombstones(h).CurrentAsync();
        await h.Outbox.EnqueueAsync(Turns.Say("b1", "I live in Oslo", bob) with { ErasureGeneration = before });

        await EraseAsync(h, Turns.User);
        var after = await Tombstones(h).CurrentAsync();
        await h.SayAsync(Turns.Say("t2", "I live in Rome") with { ErasureGeneration = after });

        Assert.True(after > before);
        Assert.Contains(h.Store.All(Turns.User), m => m.Text.Contains("Rome", StringComparison.Ordinal));
        Assert.Contains(h.Store.All(bob), m => m.Text.Contains("Oslo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_users_turns_with_the_same_id_are_both_kept()
    {
        await using var h = new WriteBackHarness();
        var bob = new UserKey(Turns.User.Tenant, "bob");
        var aliceInOther = new UserKey("tenant-b", Turns.User.UserId);

        await h.Outbox.EnqueueAsync(Turns.Say("same-id", "I live in Paris"));
        await h.Outbox.EnqueueAsync(Turns.Say("same-id", "I live in Oslo", bob));
        await h.Outbox.EnqueueAsync(Turns.Say("same-id", "I live in Rome", aliceInOther));
        await h.DrainAsync();

        Assert.Contains(h.Store.All(Turns.User), m => m.Text.Contains("Paris", StringComparison.Ordinal));
        Assert.Contains(h.Store.All(bob), m => m.Text.Contains("Oslo", StringComparison.Ordinal));
        Assert.Contains(h.Store.All(aliceInOther), m => m.Text.Contains("Rome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_tenants_backlog_does_not_hold_back_another_tenants_turn()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:BatchSize"] = "4" });
        for (var i = 0; i < 20; i++)
        {
            await h.Outbox.EnqueueAsync(Turns.Say($"busy-{i}", "I live in Paris", new UserKey("busy-tenant", $"u{i}")));
        }

        await h.Outbox.EnqueueAsync(Turns.Say("quiet-1", "I live in Oslo", new UserKey("quiet-tenant", "q")));

        var claimed = await h.Services.GetRequiredService<IOutboxQueue>().ClaimAsync(4);

        Assert.Equal(4, claimed.Count);
        Assert.Contains(claimed, l => l.Turn.User.Tenant == "quiet-tenant");
    }
}

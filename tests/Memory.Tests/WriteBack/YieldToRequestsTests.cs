using Memory.WriteBack;
using Microsoft.Extensions.DependencyInjection;

namespace Memory.Tests.WriteBack;

/// <summary>Write-back gives way to the host's calls: its steps wait for a moment with no call in flight, at most
/// <c>YieldToRequests</c> in all per turn, and a turn older than <c>MaxDelay</c> does not wait.</summary>
public sealed class YieldToRequestsTests
{
    [Fact]
    public async Task A_turn_waits_while_a_call_is_in_flight_and_is_written_once_the_call_ends()
    {
        await using var h = new WriteBackHarness();
        var activity = h.Services.GetRequiredService<RequestActivity>();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I moved to Porto", at: h.Time.GetUtcNow()));

        activity.Enter();
        var pass = h.Worker.RunPassAsync();
        await Task.Delay(300); // real time; the fake clock stands still
        Assert.False(pass.IsCompleted);
        Assert.Empty(h.Store.CurrentTexts(Turns.User));

        activity.Exit();
        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task Under_calls_that_never_pause_each_step_waits_at_most_YieldToRequests()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:YieldToRequests"] = "00:00:00.200" });
        var activity = h.Services.GetRequiredService<RequestActivity>();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I moved to Porto", at: h.Time.GetUtcNow()));
        activity.Enter();

        var pass = h.Worker.RunPassAsync();
        var steps = 0;
        while (!pass.IsCompleted && steps < 100)
        {
            await Task.Delay(50);
            h.Time.Advance(TimeSpan.FromMilliseconds(200));
            steps++;
        }

        Assert.Equal(1, await pass.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
        Assert.Equal(1, activity.InFlight); // written while the call was still running
        Assert.True(steps >= 1, "the turn waited for the clock"); // how many rounds the real work took varies with the machine
    }

    [Fact]
    public async Task A_turn_older_than_MaxDelay_does_not_wait()
    {
        await using var h = new WriteBackHarness();
        var activity = h.Services.GetRequiredService<RequestActivity>();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I moved to Porto", at: h.Time.GetUtcNow() - TimeSpan.FromMinutes(2)));
        activity.Enter();

        Assert.Equal(1, await h.Worker.RunPassAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task With_YieldToRequests_0_nothing_waits()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { ["Memory:WriteBack:YieldToRequests"] = "00:00:00" });
        var activity = h.Services.GetRequiredService<RequestActivity>();
        await h.Outbox.EnqueueAsync(Turns.Say("t1", "I moved to Porto", at: h.Time.GetUtcNow()));
        activity.Enter();

        Assert.Equal(1, await h.Worker.RunPassAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(Turns.User));
    }

    [Fact]
    public async Task WhenIdle_returns_at_once_without_calls_and_is_woken_by_the_last_call_to_end()
    {
        var activity = new RequestActivity();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        Assert.True(await activity.WhenIdleAsync(TimeSpan.FromSeconds(1), time));

        activity.Enter();
        activity.Enter();
        var waiting = activity.WhenIdleAsync(TimeSpan.FromSeconds(1), time).AsTask();
        activity.Exit();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted); // one call still runs

        activity.Exit();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(30)));

        activity.Enter();
        var timedOut = activity.WhenIdleAsync(TimeSpan.FromSeconds(1), time).AsTask();
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await timedOut.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}

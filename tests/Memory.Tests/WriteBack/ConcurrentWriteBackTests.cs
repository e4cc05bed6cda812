using System.Text.RegularExpressions;
using Memory.Model;
using Memory.WriteBack;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Memory.Tests.WriteBack;

/// <summary>A pass writes back the turns of different users at once (up to <c>Memory:WriteBack:MaxConcurrentTurns</c>),
/// so a slow or hung LLM call holds back its own user's turn only.</summary>
public sealed partial class ConcurrentWriteBackTests
{
    private const string ExtractMarker = "You extract long-term memories";

    /// <summary>Generous: only reached when the calls do not overlap (the behaviour these tests rule out).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static UserKey UserNo(int i) => new("tenant-a", $"user-{i}");

    [Fact]
    public async Task Slow_extraction_calls_of_different_users_run_at_once()
    {
        const int users = 4;
        var chat = new GatedChatClient(users);
        await using var h = new WriteBackHarness(mode: "llm", chat: null, configure: s => s.AddSingleton<IChatClient>(chat),
            settings: new Dictionary<string, string?> { ["Memory:WriteBack:MaxConcurrentTurns"] = "4" });
        for (var i = 0; i < users; i++)
        {
            await h.Outbox.EnqueueAsync(Turns.Say($"t{i}", "I just moved to Porto", UserNo(i)));
        }

        // Each extraction call answers only once all four are waiting together: processed one at a time, the first
        // call would wait out the bound and fail its turn.
        await h.DrainAsync();

        Assert.Equal(users, chat.MostAtOnce);
        Assert.False(chat.GateBroken);
        for (var i = 0; i < users; i++)
        {
            Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(UserNo(i)));
        }

        Assert.Equal(new WriteBackStats(0, 0, users), await h.Admin.GetStatsAsync());
    }

    [Fact]
    public async Task A_hung_call_for_one_user_does_not_hold_back_the_others()
    {
        var chat = new GatedChatClient(1);
        await using var h = new WriteBackHarness(mode: "llm", chat: null, configure: s => s.AddSingleton<IChatClient>(chat));
        var others = new[] { UserNo(1), UserNo(2), UserNo(3) };

        // User 0's extraction hangs until every other user's turn is written back (or the bound passes, then it fails).
        chat.Hang = async prompt =>
        {
            if (!prompt.Contains("t0:0", StringComparison.Ordinal))
            {
                return;
            }

            var deadline = DateTime.UtcNow + Bound;
            while (!others.All(u => h.Store.CurrentTexts(u).Count > 0))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("The upstream never answered.");
                }

                await Task.Delay(20);
            }
        };
        await h.Outbox.EnqueueAsync(Turns.Say("t0", "I just moved to Porto", UserNo(0)));
        foreach (var (user, i) in others.Select((u, i) => (u, i + 1)))
        {
            await h.Outbox.EnqueueAsync(Turns.Say($"t{i}", "I just moved to Porto", user));
        }

        await h.DrainAsync();

        Assert.Equal(new WriteBackStats(0, 0, 4), await h.Admin.GetStatsAsync());
        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(UserNo(0)));
    }

    [Fact]
    public async Task One_users_turns_stay_in_order_while_others_run_at_once()
    {
        await using var h = new WriteBackHarness(mode: "heuristic");
        await h.Outbox.EnqueueAsync(Turns.Say("a1", "I live in Lisbon", UserNo(0)));
        await h.Outbox.EnqueueAsync(Turns.Say("b1", "I live in Madrid", UserNo(1)));
        await h.Outbox.EnqueueAsync(Turns.Say("a2", "I moved to Porto", UserNo(0)));
        await h.Outbox.EnqueueAsync(Turns.Say("b2", "I moved to Paris", UserNo(1)));

        await h.DrainAsync();

        Assert.Equal(["The user lives in Porto"], h.Store.CurrentTexts(UserNo(0)));
        Assert.Equal(["The user lives in Paris"], h.Store.CurrentTexts(UserNo(1)));
    }

    [Theory]
    [InlineData("Memory:WriteBack:MaxConcurrentTurns", "0")]
    [InlineData("Memory:WriteBack:LlmTimeout", "00:00:00")]
    [InlineData("Memory:WriteBack:LlmTimeout", "00:05:00")] // not shorter than the lease
    public async Task Out_of_range_settings_stop_startup(string key, string value)
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => h.Worker);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"t\d+:0")]
    private static partial Regex MessageId();

    /// <summary>An LLM whose extraction calls wait until <c>parties</c> of them are in flight together (at most
    /// <see cref="Bound"/>; past it the gate breaks and every waiting or later call fails, as a timed-out upstream
    /// would). Answers the turn's message as "The user lives in Porto" and ADDs it.</summary>
    private sealed class GatedChatClient(int parties) : IChatClient
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;
        private int _mostAtOnce;
        private int _arrived;

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public bool GateBroken { get; private set; }

        public Func<string, Task>? Hang { get; set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var prompt = string.Join("\n", messages.Select(m => m.Text));
            if (!prompt.Contains(ExtractMarker, StringComparison.Ordinal))
            {
                return Answer("""{"decisions": [{"fact": 0, "event": "ADD", "targets": [], "text": null}]}""");
            }

            var now = Interlocked.Increment(ref _inFlight);
            try
            {
                UpdateMost(now);
                if (Hang is { } hang)
                {
                    await hang(prompt);
                }
                else
                {
                    if (Interlocked.Increment(ref _arrived) >= parties)
                    {
                        _all.TrySetResult();
                    }

                    try
                    {
                        await _all.Task.WaitAsync(GateBroken ? TimeSpan.Zero : Bound, cancellationToken);
                    }
                    catch (TimeoutException)
                    {
                        GateBroken = true;
                        throw;
                    }
                }

                var id = MessageId().Match(prompt).Value;
                return Answer($$"""{"facts": [{"text": "The user lives in Porto", "category": "location", "subject": "Porto", "action": "assert", "confidence": 0.9, "sources": ["{{id}}"], "context": null}]}""");
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        private void UpdateMost(int now)
        {
            var seen = Volatile.Read(ref _mostAtOnce);
            while (now > seen && Interlocked.CompareExchange(ref _mostAtOnce, now, seen) != seen)
            {
                seen = Volatile.Read(ref _mostAtOnce);
            }
        }

        private static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            CancellationToken cancellationToken = default) => throw new NotSupportedException("Write-back never streams.");

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}

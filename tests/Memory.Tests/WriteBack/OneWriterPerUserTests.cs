using Memory.Configuration;
using Memory.DirectWrites;
using Memory.Model;
using Memory.Tests.Fakes;
using Memory.Tests.WriteBack.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.WriteBack;

/// <summary>Write-back consolidation and API writes are one writer per user: while the LLM takes its time over a
/// consolidation, a DELETE and a PATCH through the memory service land, and the consolidation then applies its
/// decisions to the state as it is, not as it was when it asked.</summary>
public sealed class OneWriterPerUserTests
{
    private const string ConsolidateMarker = "You maintain a user's long-term memory";

    [Fact]
    public async Task A_slow_consolidation_neither_restores_a_deleted_memory_nor_undoes_a_patch()
    {
        using var asked = new SemaphoreSlim(0);
        using var answer = new ManualResetEventSlim();
        var chat = new FakeChatClient();
        var facts = """
            {"facts": [
              {"text": "The user has a cat named Tom who is 3 years old", "category": "pet", "subject": "tom", "action": "assert", "confidence": 0.9, "sources": ["t1:0"], "context": null},
              {"text": "The user likes green tea with honey", "category": "like", "subject": "green tea", "action": "assert", "confidence": 0.9, "sources": ["t1:0"], "context": null}
            ]}
            """;
        await using var h = ConsolidationDedupTests.Harness(facts, prompt =>
        {
            var decisions = $$"""
                {"decisions": [
                  {"fact": 0, "event": "UPDATE", "targets": ["{{ConsolidationDedupTests.Ref(prompt, "The user has a cat named Tom")}}"], "text": "The user has a cat named Tom who is 3 years old"},
                  {"fact": 1, "event": "UPDATE", "targets": ["{{ConsolidationDedupTests.Ref(prompt, "The user likes green tea")}}"], "text": "The user likes green tea with honey"}
                ]}
                """;
            asked.Release();
            answer.Wait(TimeSpan.FromSeconds(30));
            return decisions;
        }, chat);
        var later = new DateTimeOffset(2025, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var cat = await ConsolidationDedupTests.Seed(h, "mem-cat", "The user has a cat named Tom");
        var tea = await ConsolidationDedupTests.Seed(h, "mem-tea", "The user likes green tea", later);
        var service = new MemoryService(h.Store, h.Retriever, h.Embedder, h.Services.GetRequiredService<UserWriteLocks>(),
            new StaticOptionsMonitor<MemoryDedupOptions>(new MemoryDedupOptions()), h.Time, NullLogger<MemoryService>.Instance);

        await h.Outbox.EnqueueAsync(Turns.Say("t1", "My cat Tom turned 3, and I like my green tea with honey."));
        var drain = Task.Run(() => h.DrainAsync());
        Assert.True(await asked.WaitAsync(TimeSpan.FromSeconds(30)), "the consolidation was never asked");

        // While the LLM is thinking: the app deletes one memory and patches the other.
        Assert.True(await service.DeleteAsync(Turns.User, cat.Id, "app"));
        h.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await service.PatchAsync(Turns.User, tea.Id, new MemoryPatch { Text = "The user likes jasmine green tea" }, "app"));
        answer.Set();
        await drain;

        Assert.Null(await h.Store.GetAsync(Turns.User, cat.Id));
        Assert.DoesNotContain(h.Store.CurrentTexts(Turns.User), t => t.Contains("named Tom", StringComparison.Ordinal) && !t.Contains('3', StringComparison.Ordinal));
        var patched = await h.Store.GetAsync(Turns.User, tea.Id);
        Assert.NotNull(patched);
        Assert.True(patched.IsCurrent);
        Assert.Equal("The user likes jasmine green tea", patched.Text);
        Assert.Contains(HistoryEvents(await h.Store.GetHistoryAsync(Turns.User, tea.Id)), e => e == "UPDATE:patch");
    }

    private static IEnumerable<string> HistoryEvents(IReadOnlyList<MemoryHistoryEntry> history) =>
        history.Select(e => $"{e.Event.ToWire()}:{e.Reason}");
}

using Memory.Model;
using Memory.Stores;

namespace Memory.Tests.WriteBack;

public sealed class CompressionTests
{
    private static readonly DateTimeOffset Long = new(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Over_the_threshold_near_duplicates_merge_and_the_least_useful_are_dropped()
    {
        await using var h = new WriteBackHarness(settings: new Dictionary<string, string?>
        {
            ["Memory:WriteBack:CompressionMaxMemories"] = "5",
            ["Memory:WriteBack:CompressionTargetRatio"] = "0.8",
        });
        var seed = new List<MemoryItem>
        {
            Item("a", "The user enjoys jazz music", "like", 0.5, Long, "s-a"),
            Item("b", "the user enjoys Jazz music!", "like", 0.6, Long, "s-b"),
            Item("c", "The user watched a documentary about whales", "observation", 0.3, Long, "s-c"),
            Item("d", "The user searched for cheap flights", "observation", 0.35, Long, "s-d"),
            Item("e", "The user is allergic to peanuts", "allergy", 0.2, Long, "s-e"),
        };
        await h.Store.UpsertAsync(Turns.User, seed);

        await h.SayAsync(Turns.Say("t1", "I speak German"));

        var current = await h.Store.ListAsync(Turns.User, MemoryFilter.Current);
        Assert.True(current.Count <= 4);
        Assert.Contains(current, m => m.Text == "The user is allergic to peanuts"); // protected slot, however weak
        Assert.Contains(current, m => m.Text == "The user speaks German");
        var jazz = Assert.Single(current, m => m.Text.Contains("jazz", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["s-a", "s-b"], jazz.Sources.Order());
        var absorbed = jazz.Id == "a" ? "b" : "a";
        Assert.Contains(await h.Store.GetHistoryAsync(Turns.User, absorbed), e => e.Event == MemoryEvent.Supersede && e.Actor == "compression");
        var dropped = h.Store.All(Turns.User).Select(m => m.Id).ToHashSet();
        Assert.DoesNotContain("c", dropped);
        Assert.Contains(await h.Store.GetHistoryAsync(Turns.User, "c"), e => e.Event == MemoryEvent.Delete && e.Actor == "compression");
    }

    private static MemoryItem Item(string id, string text, string slot, double confidence, DateTimeOffset at, string source) => new()
    {
        Id = id,
        Text = text,
        Confidence = confidence,
        OccurredAt = at,
        CreatedAt = at,
        UpdatedAt = at,
        Sources = [source],
        Metadata = new Dictionary<string, string> { ["slot"] = slot },
        EmbeddingModel = "other-model",
        Embedding = new float[4],
    };
}

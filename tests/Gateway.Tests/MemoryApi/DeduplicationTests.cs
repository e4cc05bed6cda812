using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Lossless de-duplication through the real gateway with the default MiniLM embedder, where the issue's
/// facts embed at a cosine above the merge threshold: distinct facts are both kept, a slot's new value updates with
/// history that says why, and a restatement adds nothing.</summary>
public sealed class DeduplicationTests(MiniLmGatewayFixture fixture) : IClassFixture<MiniLmGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Fact]
    public async Task Two_facts_that_differ_only_by_a_number_are_both_added()
    {
        MiniLmGatewayFixture.AssertMiniLmServes(fixture.Gateway);
        var user = MemoryGatewayFixture.NewUser("kiwi");

        var first = Assert.Single((await Api.WriteAsync(user, NewMemory("Durable fact 3 about kiwi-3."))).ExpectList("results"))!;
        var second = Assert.Single((await Api.WriteAsync(user, NewMemory("Durable fact 4 about kiwi-4."))).ExpectList("results"))!;

        Assert.Equal("ADD", (string?)first["event"]);
        Assert.Equal("ADD", (string?)second["event"]);
        Assert.Equal(["Durable fact 3 about kiwi-3.", "Durable fact 4 about kiwi-4."], (await Api.TextsAsync(user)).Order());
        var history = Assert.Single((await Api.HistoryAsync(user, Id(second))).ExpectList("history"))!;
        Assert.StartsWith("distinct", (string?)history["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_locker_code_updates_the_memory_and_history_keeps_the_old_code_and_the_reason()
    {
        var user = MemoryGatewayFixture.NewUser("locker");
        var first = Assert.Single((await Api.WriteAsync(user, NewMemory("My locker code is 4417."))).ExpectList("results"))!;
        var again = Assert.Single((await Api.WriteAsync(user, NewMemory("my locker code is 4417"))).ExpectList("results"))!;

        var second = Assert.Single((await Api.WriteAsync(user, NewMemory("My locker code is 5520."))).ExpectList("results"))!;

        Assert.Equal("NOOP", (string?)again["event"]);
        Assert.Equal("UPDATE", (string?)second["event"]);
        Assert.Equal(Id(first), Id(second));
        Assert.Equal(["My locker code is 5520."], await Api.TextsAsync(user));
        var history = (await Api.HistoryAsync(user, Id(first))).ExpectList("history");
        Assert.Equal(["new", "value-changed: number"], history.Select(h => (string?)h!["reason"]));
        Assert.Equal("My locker code is 4417.", Text(history[1]!["before"]));
    }
}

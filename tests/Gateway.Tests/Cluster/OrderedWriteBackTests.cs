using TestDoubles.Qdrant;

namespace Gateway.Tests.Cluster;

/// <summary>Issue 18 item 4: two turns of one user that land on two replicas are consolidated by when the user said
/// them, not by when a replica got to them.</summary>
[Collection(RedisCollection.Name)]
public sealed class OrderedWriteBackTests(RedisServerFixture redis)
{
    [Fact]
    public async Task An_older_turn_consolidated_later_by_another_replica_becomes_history_not_the_current_fact()
    {
        await using var qdrant = await FakeQdrantServer.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var settings = TwoReplicas.Settings(redis.Configuration, qdrant.Url, prefix);
        await using var a = await TestGateway.StartAsync(settings);
        // B holds its turns for a while (its user still "talking"), so it consolidates after A although its turn is older.
        await using var b = await TestGateway.StartAsync(new Dictionary<string, string?>(settings) { ["Memory:WriteBack:QuietPeriod"] = "00:00:02" });
        var user = ReplicaCalls.NewUser("order");

        await ReplicaCalls.ChatAsync(b, user, "I live in Lisbon");
        await ReplicaCalls.ChatAsync(a, user, "I moved to Porto");
        await ReplicaCalls.WaitIdleAsync(a, b);

        // B's turn waits out its quiet period before it is consolidated: wait for its fact to reach the shared store
        // (before the fix it never did: an older fact was dropped).
        var all = await ReplicaCalls.ListAsync(b, user);
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (!all.Exists(t => t.Contains("Lisbon", StringComparison.Ordinal)))
            {
                await Task.Delay(100, cts.Token);
                all = await ReplicaCalls.ListAsync(b, user);
            }
        }

        await ReplicaCalls.WaitIdleAsync(a, b);
        var current = JsonNode.Parse(await a.Client.GetStringAsync($"v1/users/{user}/memories"))!["memories"]!.AsArray()
            .Select(m => (string)m!["text"]!).ToList();
        Assert.Contains(current, t => t.Contains("Porto", StringComparison.Ordinal));
        Assert.DoesNotContain(current, t => t.Contains("Lisbon", StringComparison.Ordinal));
    }
}

using static Gateway.Tests.Cluster.ReplicaCalls;

namespace Gateway.Tests.Cluster;

/// <summary>Prompt-variant statistics are the deployment's: either replica answers with the requests both served.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterPromptStatsTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Either_replica_reports_the_requests_of_both()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("stats");
        await ChatAsync(replicas.A, user, "Hello there");
        await ChatAsync(replicas.A, user, "Hello again");
        await ChatAsync(replicas.B, user, "Hello from the other side");

        foreach (var replica in new[] { replicas.A, replicas.B })
        {
            var stats = JsonNode.Parse(await ReadStatsAsync(replica))!;
            var requests = stats["variants"]!.AsArray().Sum(v => (long)v!["requests"]!);
            Assert.Equal(3, requests);
        }
    }

    private static async Task<string> ReadStatsAsync(TestGateway gateway)
    {
        // Recording is fire and forget: wait until the third request's counters have landed.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var body = await gateway.Client.GetStringAsync("v1/prompts/chat/stats", cts.Token);
            if (JsonNode.Parse(body)!["variants"]!.AsArray().Sum(v => (long)v!["requests"]!) >= 3)
            {
                return body;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}

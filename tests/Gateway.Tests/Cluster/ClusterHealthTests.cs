namespace Gateway.Tests.Cluster;

/// <summary><c>/healthz</c> of a clustered replica: ok with Redis, degraded (still 200, still serving) without it.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterHealthTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_replica_with_redis_reports_ok()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);

        var health = JsonNode.Parse(await replicas.A.Client.GetStringAsync("healthz"))!;

        Assert.Equal("ok", (string?)health["status"]);
    }

    [Fact]
    public async Task A_replica_whose_redis_is_unreachable_starts_serves_and_reports_degraded()
    {
        await using var qdrant = await TestDoubles.Qdrant.FakeQdrantServer.StartAsync();
        var settings = TwoReplicas.Settings("127.0.0.1:1", qdrant.Url, "down" + Guid.NewGuid().ToString("N")[..8]);
        await using var gateway = await TestGateway.StartAsync(settings);

        using var health = await gateway.Client.GetAsync("healthz");
        var body = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        using var write = await gateway.Client.PostAsync("v1/users/dana/memories",
            HttpAssert.Json("""{"memories":[{"text":"Dana plays the cello."}]}"""));
        var found = JsonNode.Parse(await gateway.Client.GetStringAsync("v1/users/dana/memories"))!["memories"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("degraded", (string?)body["status"]);
        Assert.Contains("Redis", (string?)body["checks"]!["cluster"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Contains("cello", (string?)Assert.Single(found)!["text"], StringComparison.Ordinal);
    }
}

using Gateway.Tests.MemoryApi;
using static Gateway.Tests.Cluster.ReplicaCalls;

namespace Gateway.Tests.Cluster;

/// <summary>Redis down: both replicas keep serving and say <c>degraded</c>, caches are bypassed (reads go to the
/// store), an erasure still wins on every replica (the store's tombstone), and a Redis that comes back empty cannot
/// make a replica serve what it cached before the outage.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisDownTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Without_redis_both_replicas_serve_degraded_and_an_erasure_on_A_still_wins_on_B()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis,
            new Dictionary<string, string?> { ["Memory:Retrieval:DeadlineMilliseconds"] = "0" }, GatedEmbeddingGenerator.Install);
        var user = NewUser("outage");
        await WriteAsync(replicas.A, user, [.. Enumerable.Range(0, 20).Select(i => $"The user owns record number {i}."), "My horse is named Bucefal."]);
        Assert.Contains("Bucefal", await PreviewAsync(replicas.B, user, "What is my horse called?"), StringComparison.Ordinal); // B caches the index

        await redis.StopAsync();
        try
        {
            await WaitDegradedAsync(replicas.A);
            await WaitDegradedAsync(replicas.B);

            // Still serving, caches read through: a write on A is seen by B at once.
            await WriteAsync(replicas.A, user, "My goat is named Zefir.");
            Assert.Contains(await SearchAsync(replicas.B, user, "goat"), t => t.Contains("Zefir", StringComparison.Ordinal));

            // A turn B started before A's erasure never writes; B injects nothing of the user afterwards.
            var gate = GatedEmbeddingGenerator.Of(replicas.B);
            gate.Arm("Paris");
            var chat = replicas.B.Client.SendAsync(Chat(user, "I live in Paris"));
            await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
            // The memory goes; the audit excerpt key shared in Redis cannot, so the erasure asks to be repeated.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await EraseAsync(replicas.A, user));
            gate.Release();
            using (var answered = await chat)
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            await WaitIdleAsync(replicas.B, replicas.A);
            Assert.Empty(await ListAsync(replicas.A, user));
            var preview = await PreviewAsync(replicas.B, user, "What is my horse called?");
            Assert.DoesNotContain("Bucefal", preview, StringComparison.Ordinal);
            Assert.DoesNotContain("Zefir", preview, StringComparison.Ordinal);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task A_redis_that_comes_back_empty_does_not_revive_what_B_cached_before_the_outage()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("restart");
        await WriteAsync(replicas.A, user, "My boat is named Wanda.");
        Assert.Single(await SearchAsync(replicas.B, user, "boat")); // B caches the index under the current epoch

        await redis.StopAsync();
        try
        {
            await WaitDegradedAsync(replicas.A);
            await WriteAsync(replicas.A, user, "My second boat is named Irena."); // the bump cannot be published
        }
        finally
        {
            await redis.StartAsync();
        }

        await WaitHealthyAsync(replicas.B);
        Assert.Contains(await SearchAsync(replicas.B, user, "boat"), t => t.Contains("Irena", StringComparison.Ordinal));
    }

    private static async Task WaitDegradedAsync(TestGateway gateway) => await WaitStatusAsync(gateway, "degraded");

    private static async Task WaitHealthyAsync(TestGateway gateway) => await WaitStatusAsync(gateway, "ok");

    private static async Task WaitStatusAsync(TestGateway gateway, string status)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            using var response = await gateway.Client.GetAsync("healthz", cts.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync(cts.Token))!["status"] == status)
            {
                return;
            }

            await Task.Delay(100, cts.Token);
        }
    }
}

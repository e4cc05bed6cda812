using static Gateway.Tests.Cluster.ReplicaCalls;

namespace Gateway.Tests.Cluster;

/// <summary>Coherent caches: a request on B that starts after a write's response on A sees the write, though B holds
/// the user's index from before it (direct writes, deletes, and A's write-back of a chat turn).</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterCacheTests(RedisServerFixture redis)
{
    [Fact]
    public async Task A_write_on_A_is_found_and_injected_by_B_in_its_next_request()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("writer");
        await WriteAsync(replicas.A, user, "My cat is named Tomasz.");
        Assert.Single(await SearchAsync(replicas.B, user, "cat")); // B caches the index

        await WriteAsync(replicas.A, user, "My other cat is named Felicja.");

        Assert.Contains(await SearchAsync(replicas.B, user, "cat"), t => t.Contains("Felicja", StringComparison.Ordinal));
        Assert.Contains("Felicja", await PreviewAsync(replicas.B, user, "What is the name of my cat?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delete_on_A_is_gone_from_B_in_its_next_request()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("deleter");
        await WriteAsync(replicas.A, user, "My bicycle is a green Bianchi.", "My car is a red Fiat.");
        Assert.Equal(2, (await SearchAsync(replicas.B, user, "my bicycle car")).Count);
        var memories = JsonNode.Parse(await replicas.A.Client.GetStringAsync($"v1/users/{user}/memories"))!["memories"]!.AsArray();
        var bicycle = (string)memories.Single(m => ((string)m!["text"]!).Contains("Bianchi", StringComparison.Ordinal))!["id"]!;

        using (var deleted = await replicas.A.Client.DeleteAsync($"v1/users/{user}/memories/{bicycle}"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var found = await SearchAsync(replicas.B, user, "my bicycle car");
        Assert.DoesNotContain(found, t => t.Contains("Bianchi", StringComparison.Ordinal));
        Assert.Contains(found, t => t.Contains("Fiat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_chat_turn_written_back_by_A_is_found_by_B()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("turns");
        await WriteAsync(replicas.A, user, "I work as a carpenter.");
        Assert.Single(await SearchAsync(replicas.B, user, "live work"));

        await ChatAsync(replicas.A, user, "I live in Oslo");
        await WaitIdleAsync(replicas.A);

        Assert.Contains(await SearchAsync(replicas.B, user, "live work"), t => t.Contains("Oslo", StringComparison.Ordinal));
    }
}

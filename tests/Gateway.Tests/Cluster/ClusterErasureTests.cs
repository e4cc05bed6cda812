using Gateway.Tests.MemoryApi;
using Guardrails.Audit;
using static Gateway.Tests.Cluster.ReplicaCalls;

namespace Gateway.Tests.Cluster;

/// <summary>Erasure is final on every replica: after <c>DELETE /v1/users/{id}</c> on A, B neither finds nor injects
/// the user's memories from its caches, a turn B started before the erasure never writes, and B's audit excerpts of
/// the user are unreadable.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterErasureTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Erased_on_A_B_neither_finds_nor_injects_the_users_memories()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("erased");
        await WriteAsync(replicas.A, user, "My dog is named Rexford.");
        Assert.Contains(await SearchAsync(replicas.B, user, "dog"), t => t.Contains("Rexford", StringComparison.Ordinal)); // B caches the index
        Assert.Contains("Rexford", await PreviewAsync(replicas.B, user, "What is my dog called?"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, await EraseAsync(replicas.A, user));

        Assert.Empty(await SearchAsync(replicas.B, user, "dog"));
        Assert.DoesNotContain("Rexford", await PreviewAsync(replicas.B, user, "What is my dog called?"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_turn_B_started_before_an_erasure_on_A_never_writes()
    {
        // No retrieval deadline: the held embedding must hold the chat itself.
        await using var replicas = await TwoReplicas.StartAsync(redis,
            new Dictionary<string, string?> { ["Memory:Retrieval:DeadlineMilliseconds"] = "0" }, GatedEmbeddingGenerator.Install);
        var user = NewUser("held");
        await WriteAsync(replicas.A, user, [.. Enumerable.Range(0, 20).Select(i => $"The user owns book number {i}.")]);

        // B's chat is held inside its memory selection (its turn not yet opened) while A erases the user.
        var gate = GatedEmbeddingGenerator.Of(replicas.B);
        gate.Arm("Paris");
        var chat = replicas.B.Client.SendAsync(Chat(user, "I live in Paris"));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, await EraseAsync(replicas.A, user));
        gate.Release();
        using (var answered = await chat)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await WaitIdleAsync(replicas.B, replicas.A);
        Assert.Empty(await ListAsync(replicas.A, user));

        // The user's later turns, on either replica, are theirs to keep.
        await ChatAsync(replicas.B, user, "I live in Rome");
        await WaitIdleAsync(replicas.B);
        Assert.Contains(await ListAsync(replicas.A, user), t => t.Contains("Rome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Erased_on_A_the_users_audit_excerpts_on_B_are_unreadable()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis);
        var user = NewUser("audited");
        var other = NewUser("kept");
        var auditB = replicas.B.Services.GetRequiredService<IAuditLog>();
        var erasedId = await auditB.AppendAsync(Entry(user, "the user's own words"));
        var keptId = await auditB.AppendAsync(Entry(other, "someone else's words"));
        Assert.Equal("the user's own words", (await auditB.GetAsync("default", erasedId))!.Excerpt);
        Assert.Equal(1, await AuditEventCountAsync(replicas.B, user));

        Assert.Equal(HttpStatusCode.OK, await EraseAsync(replicas.A, user));

        // A reviewer on B can no longer find the erased user's events by the user's id.
        Assert.Equal(0, await AuditEventCountAsync(replicas.B, user));
        Assert.Equal(1, await AuditEventCountAsync(replicas.B, other));

        var erased = (await auditB.GetAsync("default", erasedId))!;
        Assert.True(erased.ExcerptErased);
        Assert.Null(erased.Excerpt);
        Assert.Equal("someone else's words", (await auditB.GetAsync("default", keptId))!.Excerpt);
        Assert.True((await auditB.VerifyAsync("default")).Valid);
    }

    private static async Task<int> AuditEventCountAsync(TestGateway gateway, string user)
    {
        using var response = await gateway.Client.GetAsync($"v1/audit/events?userId={Uri.EscapeDataString(user)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["events"]!.AsArray().Count;
    }

    private static AuditEntry Entry(string user, string excerpt) => new()
    {
        RequestId = "req-" + user,
        Tenant = "default",
        UserId = user,
        Stage = "input",
        Rule = "test.rule",
        Action = "flag",
        Excerpt = excerpt,
    };
}

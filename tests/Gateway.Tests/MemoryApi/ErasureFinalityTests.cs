using Memory.WriteBack;

namespace Gateway.Tests.MemoryApi;

/// <summary>Erasure is final over HTTP: a chat turn that started before <c>DELETE /v1/users/{id}</c> never writes
/// afterwards, however long it was held up; the same user's later turns are remembered again. Turns are the
/// gateway's own: two users' observations with the same <c>X-Request-Id</c> are both remembered.</summary>
public sealed class ErasureFinalityTests
{
    private static async Task WaitIdleAsync(TestGateway gateway)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
    }

    private static async Task<JsonArray> MemoriesAsync(TestGateway gateway, string user) =>
        JsonNode.Parse(await gateway.Client.GetStringAsync($"v1/users/{user}/memories?includeSuperseded=true"))!["memories"]!.AsArray();

    private static HttpRequestMessage Chat(string user, string text, string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(new JsonObject
            {
                ["model"] = "echo",
                ["user"] = user,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            }.ToJsonString()),
        };
        request.Headers.Add("X-Request-Id", requestId);
        return request;
    }

    [Fact]
    public async Task A_chat_turn_that_started_before_the_erasure_never_writes_after_it()
    {
        // No retrieval deadline: the held embedding must hold the chat itself.
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Memory:Retrieval:DeadlineMilliseconds"] = "0",
        }, GatedEmbeddingGenerator.Install);
        var api = new MemoryApiClient(gateway.Client);
        var user = MemoryGatewayFixture.NewUser("erased");
        (await api.WriteAsync(user, [.. Enumerable.Range(0, 50).Select(i => new JsonObject { ["text"] = $"The user owns book number {i}." })]))
            .Expect(HttpStatusCode.OK);

        // Hold the chat inside its memory selection (before its turn is opened), erase the user meanwhile.
        var gate = GatedEmbeddingGenerator.Of(gateway);
        gate.Arm("Paris");
        var chat = gateway.Client.SendAsync(Chat(user, "I live in Paris", "pre1"));
        await gate.Entered.WaitAsync(TimeSpan.FromSeconds(30));
        using (var erased = await gateway.Client.DeleteAsync($"v1/users/{user}"))
        {
            Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        }

        gate.Release();
        using (var answered = await chat)
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await WaitIdleAsync(gateway);
        Assert.Empty(await MemoriesAsync(gateway, user));

        // Later turns of the same user are theirs to keep.
        using (var later = await gateway.Client.SendAsync(Chat(user, "I live in Rome", "post1")))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        await WaitIdleAsync(gateway);
        var memory = Assert.Single(await MemoriesAsync(gateway, user));
        Assert.Contains("Rome", memory!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(memory["sources"]!.AsArray(), s => s!.GetValue<string>().Contains("post1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_users_observations_with_the_same_request_id_are_both_remembered()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });
        var alice = MemoryGatewayFixture.NewUser("alice");
        var bob = MemoryGatewayFixture.NewUser("bob");

        foreach (var (user, text) in new[] { (alice, "I live in Lisbon"), (bob, "I live in Oslo") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/users/{user}/observations")
            {
                Content = HttpAssert.Json(new JsonObject { ["text"] = text, ["context"] = "chat" }.ToJsonString()),
            };
            request.Headers.Add("X-Request-Id", "shared-request-id");
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await WaitIdleAsync(gateway);
        var aliceMemory = Assert.Single(await MemoriesAsync(gateway, alice));
        var bobMemory = Assert.Single(await MemoriesAsync(gateway, bob));
        Assert.Contains("Lisbon", aliceMemory!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Oslo", bobMemory!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(bobMemory["sources"]!.AsArray(), s => s!.GetValue<string>().Contains("shared-request-id", StringComparison.Ordinal));
    }
}

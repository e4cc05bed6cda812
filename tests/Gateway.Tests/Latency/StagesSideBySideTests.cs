using Gateway.Tests.MemoryApi;
using Memory.WriteBack;

namespace Gateway.Tests.Latency;

/// <summary>Issue 16.3: the query embedding starts as soon as the request is read, so the input guardrails (and
/// consent, the template, BM25, the index, the outbox turn) run beside it; a blocked input still reaches nothing.</summary>
public sealed class StagesSideBySideTests
{
    private static HttpRequestMessage Chat(string user, string text, string? context = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(new JsonObject
            {
                ["model"] = "fake-model",
                ["user"] = user,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text }),
            }.ToJsonString()),
        };
        if (context is not null)
        {
            request.Headers.Add("X-Memory-Context", context);
        }

        return request;
    }

    [Fact]
    public async Task The_query_embedding_is_requested_before_the_input_guardrails_finish()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl },
            b => { BlockingEmbeddingGenerator.Install(inProcess: true)(b); GatedGuardrailPipeline.Install(b); });
        var user = MemoryGatewayFixture.NewUser("sidebyside");
        (await new MemoryApiClient(gateway.Client).WriteAsync(user, new JsonObject { ["text"] = "The user plays the violin." })).Expect(HttpStatusCode.OK);
        var model = BlockingEmbeddingGenerator.Of(gateway);
        var guard = GatedGuardrailPipeline.Of(gateway);
        guard.Arm("violin strings");

        var chat = gateway.Client.SendAsync(Chat(user, "Which violin strings should I buy?"));
        await guard.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(model.Computed, t => t.Contains("violin strings", StringComparison.Ordinal));
        guard.Release();
        using var answered = await chat;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var system = upstream.ChatRequests.Last().Json!["messages"]![0]!;
        Assert.Contains("plays the violin", system["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(model.Computed, t => t.Contains("violin strings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_blocked_input_reaches_nothing_though_its_embedding_had_started()
    {
        var policies = Directory.CreateTempSubdirectory("latency-policies-").FullName;
        File.Copy(Path.Combine(TestGateway.RepoRoot, "prompts", "policies", "default.yaml"), Path.Combine(policies, "default.yaml"));
        await File.WriteAllTextAsync(Path.Combine(policies, "context.strict.yaml"), "blocklists:\n  forbidden: [Project Zebra]\n");
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Guardrails:PoliciesDirectory"] = policies,
        }, BlockingEmbeddingGenerator.Install(inProcess: true));
        var user = MemoryGatewayFixture.NewUser("blocked");
        var api = new MemoryApiClient(gateway.Client);
        (await api.WriteAsync(user, new JsonObject { ["text"] = "The user works on Project Zebra." })).Expect(HttpStatusCode.OK);
        var model = BlockingEmbeddingGenerator.Of(gateway);

        using (var response = await gateway.Client.SendAsync(Chat(user, "I live in Lisbon. Tell me about Project Zebra.", "strict")))
        {
            var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal("content_blocked", error["code"]!.GetValue<string>());
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
        Assert.Contains(model.Computed, t => t.Contains("Tell me about Project Zebra", StringComparison.Ordinal));
        Assert.Equal(0, upstream.ChatCalls);
        var memories = (await api.ListAsync(user)).ExpectList("memories");
        Assert.Single(memories);
        Directory.Delete(policies, recursive: true);
    }
}

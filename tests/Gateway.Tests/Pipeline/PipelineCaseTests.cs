namespace Gateway.Tests.Pipeline;

/// <summary>Issue 15.6: gateway-level cases of the request pipeline — input block, re-ask loop, stage order.</summary>
public sealed class PipelineCaseTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task An_input_block_answers_400_content_blocked_and_nothing_goes_upstream()
    {
        var calls = Upstream.ChatCalls;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"Tell me about Project Zebra."}]}"""),
        };
        request.Headers.Add("X-Memory-Context", PipelineFixture.StrictContext);

        using var response = await Gateway.Client.SendAsync(request);

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("content_blocked", error["code"]!.GetValue<string>());
        Assert.Contains("blocklist.forbidden", error["message"]!.GetValue<string>());
        Assert.Equal(calls, Upstream.ChatCalls);
    }

    [Fact]
    public async Task A_schema_failure_is_reasked_through_the_pipeline_until_it_validates()
    {
        Upstream.Enqueue(new FakeReply { Text = "not json at all" }, new FakeReply { Text = """{"city":"Porto"}""" });
        var calls = Upstream.ChatCalls;

        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            """{"model":"fake-model","messages":[{"role":"user","content":"where?"}],"response_format":{"type":"json_schema","json_schema":{"name":"place","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}"""));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"city":"Porto"}""", json["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal(calls + 2, Upstream.ChatCalls);
        var reask = Upstream.ChatRequests.Last().Json!["messages"]!.AsArray();
        Assert.Equal("not json at all", reask[^2]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_policy_s_reaskMaxAttempts_bounds_the_re_asks()
    {
        // The context's policy allows none: the failing answer is not re-asked (the default policy re-asks, above).
        Upstream.Enqueue(new FakeReply { Text = "still not json" });
        var calls = Upstream.ChatCalls;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(
                """{"model":"fake-model","messages":[{"role":"user","content":"where?"}],"response_format":{"type":"json_schema","json_schema":{"name":"place","schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}}"""),
        };
        request.Headers.Add("X-Memory-Context", PipelineFixture.NoReaskContext);

        using var response = await Gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(calls + 1, Upstream.ChatCalls);
    }

    [Fact]
    public async Task Stages_that_would_do_nothing_are_not_inserted()
    {
        var handler = Gateway.Services.GetRequiredService<Gateway.Pipeline.ChatCompletionHandler>();
        static Gateway.Pipeline.ChatRequest Request(string? user) => new(
            [], [], false, new Gateway.Pipeline.ChatRequestContext
            {
                RequestId = "r", Caller = new Gateway.Auth.CallerIdentity("default", null, new HashSet<string>()), UserId = user, MemoryContext = "chat", Canary = "c",
            });

        var anonymous = handler.StagesFor(Request(null)).Select(s => s.GetType().Name).ToList();
        var personal = handler.StagesFor(Request("u1")).Select(s => s.GetType().Name).ToList();

        Assert.Equal(["InputGuardStage", "OutputGuardStage"], anonymous);
        Assert.Equal(["InputGuardStage", "PromptStage", "WriteBackStage", "OutputGuardStage"], personal);
    }
}

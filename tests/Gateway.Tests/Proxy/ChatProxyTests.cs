using System.ClientModel;
using OpenAI.Chat;

namespace Gateway.Tests.Proxy;

/// <summary>The OpenAI SDK talks to the gateway as it would to the upstream: plain, streamed, tools,
/// response_format, and every field reaching the upstream unchanged.</summary>
[Collection("proxy")]
public sealed class ChatProxyTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Plain_completion_reaches_the_sdk_unchanged()
    {
        var client = SdkClients.Chat(Gateway);
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("hello [[reply:plain answer]]")]);

        Assert.Equal("plain answer", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(11, completion.Usage.InputTokenCount);
        Assert.Equal(7, completion.Usage.OutputTokenCount);
        Assert.Equal("fp_fake", completion.SystemFingerprint);
    }

    [Fact]
    public async Task Streamed_completion_arrives_as_chunks_and_ends()
    {
        var client = SdkClients.Chat(Gateway);
        var parts = new List<string>();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi [[reply:streamed answer here]]")]))
        {
            parts.AddRange(update.ContentUpdate.Select(p => p.Text));
            finish ??= update.FinishReason;
        }

        Assert.Equal("streamed answer here", string.Concat(parts));
        Assert.True(parts.Count > 3, "the answer came as several chunks");
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Streamed_usage_is_forwarded_when_asked_for()
    {
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            """{"model":"fake-model","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"q [[reply:abc def]]"}]}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"usage\":{\"prompt_tokens\":11", text);
        Assert.EndsWith("data: [DONE]\n\n", text);
    }

    [Fact]
    public async Task Tool_calls_and_tools_pass_through()
    {
        Upstream.Enqueue(new FakeReply { ToolCall = ("get_weather", """{"city":"Porto"}""") });
        var tool = ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };

        ChatCompletion completion = await SdkClients.Chat(Gateway).CompleteChatAsync([new UserChatMessage("weather in Porto? tools-test")], options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        Assert.Equal("get_weather", completion.ToolCalls[0].FunctionName);
        Assert.Equal("""{"city":"Porto"}""", completion.ToolCalls[0].FunctionArguments.ToString());
        var sent = Upstream.ChatRequests.Last(r => r.RawBody.Contains("tools-test", StringComparison.Ordinal)).Json!;
        Assert.Equal("get_weather", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
        Assert.Equal("required", sent["tool_choice"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_field_the_app_sent_reaches_the_upstream_unchanged()
    {
        const string body = """
            {"model":"fake-model","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"fields-test"}],
             "temperature":0.3,"top_p":0.9,"seed":42,"logprobs":true,"top_logprobs":2,"n":1,"stop":["END"],
             "max_tokens":50,"max_completion_tokens":60,"presence_penalty":0.1,"frequency_penalty":0.2,
             "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
             "logit_bias":{"50256":-100},"parallel_tool_calls":false,"metadata":{"a":"b"},
             "some_future_field":{"nested":[1,2,{"deep":true}]}}
            """;
        Upstream.Enqueue(new FakeReply { Text = "{}" });
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = Upstream.ChatRequests.Last(r => r.RawBody.Contains("fields-test", StringComparison.Ordinal)).Json!;
        var expected = (JsonObject)JsonNode.Parse(body)!;
        foreach (var (key, value) in expected)
        {
            Assert.True(JsonNode.DeepEquals(value, sent[key]), $"field '{key}' changed: {sent[key]?.ToJsonString()}");
        }

        Assert.Equal(expected.Count, sent.Count);
    }

    [Fact]
    public async Task The_upstream_key_is_sent_upstream_and_the_apps_key_is_not()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"key-test"}]}"""),
        };
        request.Headers.Authorization = new("Bearer", "app-key-should-not-travel");
        using var response = await Gateway.Client.SendAsync(request);

        var sent = Upstream.ChatRequests.Last(r => r.RawBody.Contains("key-test", StringComparison.Ordinal));
        Assert.Equal("Bearer sk-upstream-secret", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Models_come_from_the_upstream()
    {
        global::OpenAI.Models.OpenAIModelCollection models = await SdkClients.Client(Gateway).GetOpenAIModelClient().GetModelsAsync();
        Assert.Contains(models, m => m.Id == "fake-model");
    }

    [Fact]
    public async Task One_model_is_retrieved_from_the_upstream_and_an_unknown_one_is_its_404()
    {
        var model = (await SdkClients.Client(Gateway).GetOpenAIModelClient().GetModelAsync("fake-model")).Value;
        Assert.Equal("fake-model", model.Id);

        using var unknown = await Gateway.Client.GetAsync("v1/models/no-such-model");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-model", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_carries_a_request_id_and_a_sane_incoming_one_is_kept()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        request.Headers.Add("X-Request-Id", "my-trace-123");
        using var kept = await Gateway.Client.SendAsync(request);
        using var fresh = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json("{bad"));

        Assert.Equal("my-trace-123", kept.Headers.GetValues("X-Request-Id").Single());
        Assert.StartsWith("req_", fresh.Headers.GetValues("X-Request-Id").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upstream_client_errors_pass_through_to_the_sdk()
    {
        Upstream.Enqueue(new FakeReply { FailStatus = 400 });
        var error = await Assert.ThrowsAsync<ClientResultException>(() => SdkClients.Chat(Gateway).CompleteChatAsync([new UserChatMessage("x")]));
        Assert.Equal(400, error.Status);
    }
}

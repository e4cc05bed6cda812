using TestDoubles.Anthropic;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Issue 17: fallback across upstreams of different kinds, for Messages and chat apps alike.</summary>
public sealed class MessagesFallbackTests
{
    private static Task<TestGateway> StartAsync(FakeOpenAIUpstream chat, FakeAnthropicUpstream anthropic) =>
        TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = chat.BaseUrl,
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Upstream:MaxRetries"] = "0",
            ["Upstream:Fallbacks:0:Name"] = "claude",
            ["Upstream:Fallbacks:0:Kind"] = "anthropic",
            ["Upstream:Fallbacks:0:BaseUrl"] = anthropic.BaseUrl,
            ["Upstream:Fallbacks:0:ApiKey"] = FakeAnthropicUpstream.ApiKey,
            ["Upstream:Fallbacks:0:RetryBaseDelaySeconds"] = "0.01",
        });

    [Fact]
    public async Task A_call_only_an_anthropic_upstream_can_carry_skips_the_chat_upstream()
    {
        await using var chat = await FakeOpenAIUpstream.StartAsync();
        await using var anthropic = await FakeAnthropicUpstream.StartAsync();
        await using var gateway = await StartAsync(chat, anthropic);

        using var response = await MessagesRaw.PostAsync(gateway,
            """{"model":"claude-fake","max_tokens":20,"top_k":3,"messages":[{"role":"user","content":"hi [[reply:from the fallback]]"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("from the fallback", message["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(0, chat.ChatCalls);
        Assert.Equal(3, anthropic.Requests.Single().Json!["top_k"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_failing_chat_upstream_falls_back_to_an_anthropic_one_for_both_apis()
    {
        await using var chat = await FakeOpenAIUpstream.StartAsync();
        await using var anthropic = await FakeAnthropicUpstream.StartAsync();
        await using var gateway = await StartAsync(chat, anthropic);
        chat.DefaultReply = new FakeReply { FailStatus = 503 };

        using var messages = await MessagesRaw.PostAsync(gateway,
            """{"model":"m","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi [[reply:streamed by claude]]"}]}""");
        using var completions = await gateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"hi [[reply:answered by claude]]"}]}"""));

        Assert.Equal("streamed by claude", MessagesRaw.Text(MessagesRaw.Events(await messages.Content.ReadAsStringAsync())));
        Assert.Equal(HttpStatusCode.OK, completions.StatusCode);
        Assert.Equal("answered by claude", JsonNode.Parse(await completions.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.True(chat.ChatCalls >= 2);
    }
}

using System.ClientModel;
using OpenAI.Chat;

namespace Gateway.Tests.Proxy;

/// <summary>Retries before the first byte, fallback to the next upstream, circuit breaker, clear 5xx naming the
/// upstream, and client cancellation reaching the upstream.</summary>
public sealed class ResilienceTests
{
    private static Dictionary<string, string?> Fast(string baseUrl) => new()
    {
        ["Upstream:BaseUrl"] = baseUrl,
        ["Upstream:Name"] = "primary",
        ["Upstream:RetryBaseDelaySeconds"] = "0.01",
        ["Upstream:MaxRetries"] = "2",
    };

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_transient_upstream_failure_is_retried_then_succeeds(int status)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Enqueue(new FakeReply { FailStatus = status, RetryAfter = status == 429 ? "0" : null });
        await using var gateway = await TestGateway.StartAsync(Fast(upstream.BaseUrl));

        ChatCompletion completion = await SdkClients.Chat(gateway).CompleteChatAsync([new UserChatMessage("[[reply:after retry]]")]);

        Assert.Equal("after retry", completion.Content[0].Text);
        Assert.Equal(2, upstream.ChatCalls);
    }

    [Fact]
    public async Task A_streamed_call_is_retried_before_its_first_byte()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Enqueue(new FakeReply { FailStatus = 500 });
        await using var gateway = await TestGateway.StartAsync(Fast(upstream.BaseUrl));

        var text = string.Concat(await SdkClients.Chat(gateway).CompleteChatStreamingAsync([new UserChatMessage("[[reply:streamed after retry]]")])
            .SelectMany(u => u.ContentUpdate.Select(p => p.Text).ToAsyncEnumerable()).ToListAsync());

        Assert.Equal("streamed after retry", text);
        Assert.Equal(2, upstream.ChatCalls);
    }

    [Fact]
    public async Task When_the_first_upstream_is_down_the_next_serving_the_model_answers()
    {
        await using var backup = await FakeOpenAIUpstream.StartAsync();
        await using var other = await FakeOpenAIUpstream.StartAsync();
        var settings = Fast("http://127.0.0.1:9/v1");
        settings["Upstream:Fallbacks:0:Name"] = "other-models";
        settings["Upstream:Fallbacks:0:BaseUrl"] = other.BaseUrl;
        settings["Upstream:Fallbacks:0:Models:0"] = "llama-*";
        settings["Upstream:Fallbacks:1:Name"] = "backup";
        settings["Upstream:Fallbacks:1:BaseUrl"] = backup.BaseUrl;
        await using var gateway = await TestGateway.StartAsync(settings);

        ChatCompletion completion = await SdkClients.Chat(gateway, "gpt-4o-mini").CompleteChatAsync([new UserChatMessage("[[reply:from backup]]")]);

        Assert.Equal("from backup", completion.Content[0].Text);
        Assert.Equal(0, other.ChatCalls);
        Assert.Equal(1, backup.ChatCalls);
    }

    [Fact]
    public async Task A_dead_upstream_gets_a_502_naming_it()
    {
        await using var gateway = await TestGateway.StartAsync(Fast("http://127.0.0.1:9/v1"));

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"x"}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadGateway);
        Assert.Contains("'primary'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("upstream_unreachable", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_upstream_failing_every_attempt_gets_a_502_after_the_retries()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { FailStatus = 500 };
        await using var gateway = await TestGateway.StartAsync(Fast(upstream.BaseUrl));

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"x"}]}"""));

        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal(3, upstream.ChatCalls);
    }

    [Fact]
    public async Task A_slow_upstream_gets_a_504()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { DelayBeforeHeaders = TimeSpan.FromSeconds(10) };
        var settings = Fast(upstream.BaseUrl);
        settings["Upstream:TimeoutSeconds"] = "0.3";
        settings["Upstream:MaxRetries"] = "0";
        await using var gateway = await TestGateway.StartAsync(settings);

        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json("""{"model":"m","messages":[{"role":"user","content":"x"}]}"""));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Contains("'primary'", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_stops_calling_the_upstream()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { FailStatus = 500 };
        var settings = Fast(upstream.BaseUrl);
        settings["Upstream:MaxRetries"] = "0";
        settings["Upstream:BreakerMinimumThroughput"] = "4";
        settings["Upstream:BreakDurationSeconds"] = "60";
        await using var gateway = await TestGateway.StartAsync(settings);
        var body = """{"model":"m","messages":[{"role":"user","content":"x"}]}""";

        // Failing calls until the breaker opens (the warm-up's successful model listing counts in its window too).
        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            using var failing = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));
            Assert.True(failing.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable, $"got {(int)failing.StatusCode}");
            opened = failing.StatusCode == HttpStatusCode.ServiceUnavailable;
        }

        Assert.True(opened, "the circuit never opened");
        var callsBefore = upstream.ChatCalls;
        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("upstream_unavailable", error["code"]!.GetValue<string>());
        Assert.Equal(callsBefore, upstream.ChatCalls);
    }

    [Fact]
    public async Task A_client_that_disconnects_mid_stream_cancels_the_upstream_call()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { HangAfterFirstChunk = true, Text = "first words and then silence" };
        // The upstream sends 3 characters and hangs; output guardrails may hold back an unfinished word (it could
        // be the start of an e-mail address), so they are off here: this test is about cancellation only.
        var settings = Fast(upstream.BaseUrl);
        settings["Guardrails:Enabled"] = "false";
        await using var gateway = await TestGateway.StartAsync(settings);

        using (var cts = new CancellationTokenSource())
        {
            var stream = SdkClients.Chat(gateway).CompleteChatStreamingAsync([new UserChatMessage("hang")], cancellationToken: cts.Token);
            await foreach (var update in stream.WithCancellation(cts.Token))
            {
                if (update.ContentUpdate.Count > 0 && update.ContentUpdate[0].Text.Length > 0)
                {
                    // The first words arrived while the upstream is still streaming: nothing is buffered whole.
                    await cts.CancelAsync();
                    break;
                }
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (upstream.AbortedRequests == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, upstream.AbortedRequests);
    }
}

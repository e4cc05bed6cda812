using Memory.WriteBack;
using Microsoft.Extensions.AI;

namespace Gateway.Tests.WriteBack;

/// <summary>The gateway's own write-back LLM calls have their own HTTP client per upstream: their own circuit breaker
/// and attempt timeout (<c>Memory:WriteBack:LlmTimeout</c>), apart from the app traffic's.</summary>
public sealed class WriteBackIsolationTests
{
    private const string AppModel = "app-model";
    private const string WriteBackModel = "memory-model";
    private const string AppBody = $$"""{"model":"{{AppModel}}","messages":[{"role":"user","content":"x"}]}""";

    private static Dictionary<string, string?> Settings(string baseUrl) => new()
    {
        ["Upstream:BaseUrl"] = baseUrl,
        ["Upstream:MaxRetries"] = "0",
        ["Upstream:BreakerMinimumThroughput"] = "4",
        ["Upstream:BreakDurationSeconds"] = "60",
    };

    private static IChatClient WriteBackChat(TestGateway gateway) =>
        gateway.Services.GetRequiredKeyedService<IChatClient>(WriteBackServiceCollectionExtensions.ChatClientKey);

    private static Task<ChatResponse> AskAsWriteBackAsync(TestGateway gateway, CancellationToken cancellationToken = default) =>
        WriteBackChat(gateway).GetResponseAsync([new ChatMessage(ChatRole.User, "extract")], new ChatOptions { ModelId = WriteBackModel }, cancellationToken);

    private static bool IsModel(JsonObject request, string model) => request["model"]?.GetValue<string>() == model;

    [Fact]
    public async Task Failing_write_back_calls_do_not_open_the_app_traffic_breaker()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Responder = r => IsModel(r, WriteBackModel) ? new FakeReply { FailStatus = 500 } : null;
        await using var gateway = await TestGateway.StartAsync(Settings(upstream.BaseUrl));

        // Enough failures to open a breaker with a minimum throughput of 4 (the write-back's own one opens).
        for (var i = 0; i < 10; i++)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => AskAsWriteBackAsync(gateway));
        }

        var callsBefore = upstream.ChatCalls;
        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(AppBody));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(callsBefore + 1, upstream.ChatCalls);
    }

    [Fact]
    public async Task An_open_app_traffic_breaker_does_not_block_write_back_calls()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Responder = r => IsModel(r, AppModel) ? new FakeReply { FailStatus = 500 } : null;
        await using var gateway = await TestGateway.StartAsync(Settings(upstream.BaseUrl));
        var opened = false;
        for (var i = 0; i < 10 && !opened; i++)
        {
            using var failing = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(AppBody));
            opened = failing.StatusCode == HttpStatusCode.ServiceUnavailable;
        }

        Assert.True(opened, "the app traffic's circuit never opened");
        var callsBefore = upstream.ChatCalls;

        var answer = await AskAsWriteBackAsync(gateway);

        Assert.Equal("ok", answer.Text);
        Assert.Equal(callsBefore + 1, upstream.ChatCalls);
    }

    [Fact]
    public async Task A_hung_upstream_fails_a_write_back_call_at_the_write_back_timeout_not_the_app_traffics()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Responder = r => IsModel(r, WriteBackModel) ? new FakeReply { DelayBeforeHeaders = TimeSpan.FromMinutes(10) } : null;
        var settings = Settings(upstream.BaseUrl);
        settings["Upstream:TimeoutSeconds"] = "600";
        settings["Memory:WriteBack:LlmTimeout"] = "00:00:01";
        await using var gateway = await TestGateway.StartAsync(settings);

        // Generous: the call must end long before this (after 1 s), by its own timeout, not by this token.
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var error = await Assert.ThrowsAnyAsync<Exception>(() => AskAsWriteBackAsync(gateway, bound.Token));

        Assert.False(bound.IsCancellationRequested, $"the write-back call was still waiting after 30 s ({error.GetType().Name})");
        Assert.IsNotAssignableFrom<OperationCanceledException>(error);
    }
}

using Gateway.Tests.Pipeline;

namespace Gateway.Tests.Guarding;

/// <summary>A fake upstream and the gateway with its default guardrail policy, started per test class, and a chat call
/// for one user (streamed or not).</summary>
public abstract class GuardedGatewayTest : IAsyncLifetime
{
    protected FakeOpenAIUpstream Upstream { get; private set; } = null!;
    protected TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = Upstream.BaseUrl,
            ["Upstream:MaxRetries"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    protected async Task<HttpResponseMessage> ChatAsync(string user, string content, bool stream = false) =>
        await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = user,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
        }.ToJsonString()));
}

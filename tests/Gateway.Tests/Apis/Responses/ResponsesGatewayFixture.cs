using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>The real gateway on a loopback port in front of one fake upstream of a given kind, for the Responses
/// front-end tests: no retries (a scripted failure is what the client sees), a 2 s stall limit, the default
/// guardrail policies.</summary>
public abstract class ResponsesGatewayFixture : IAsyncLifetime
{
    public TestGateway Gateway { get; private set; } = null!;

    /// <summary>The upstream's kind (<c>Upstream:Kind</c>).</summary>
    public abstract string Kind { get; }

    public abstract string UpstreamBaseUrl { get; }

    /// <summary>Scripts the upstream's next answer.</summary>
    public abstract void Enqueue(FakeReply reply);

    /// <summary>The bodies the upstream received, oldest first.</summary>
    public abstract IReadOnlyList<JsonObject> UpstreamBodies { get; }

    /// <summary>The upstream body whose text holds <paramref name="marker"/>.</summary>
    public JsonObject Sent(string marker) => UpstreamBodies.Last(b => b.ToJsonString().Contains(marker, StringComparison.Ordinal));

    /// <summary>An answer that streams one call of <paramref name="name"/> with <paramref name="arguments"/> in pieces.</summary>
    public abstract FakeReply ToolCallReply(string name, string arguments, int chunkSize);

    /// <summary>The system text the upstream got (chat: its system messages; Responses: <c>instructions</c>).</summary>
    public abstract string InstructionsOf(JsonObject sent);

    /// <summary>The function tools the upstream was offered, by name.</summary>
    public abstract IReadOnlyList<string> ToolNamesOf(JsonObject sent);

    /// <summary>The earlier function call in the conversation the upstream got: its call id and name.</summary>
    public abstract (string? CallId, string? Name) ToolCallOf(JsonObject sent);

    /// <summary>The function result in the conversation the upstream got: its call id and output.</summary>
    public abstract (string? CallId, string? Output) ToolResultOf(JsonObject sent);

    protected abstract Task StartUpstreamAsync();

    protected abstract ValueTask StopUpstreamAsync();

    public async Task InitializeAsync()
    {
        await StartUpstreamAsync();
        Gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = UpstreamBaseUrl,
            ["Upstream:Kind"] = Kind,
            ["Upstream:MaxRetries"] = "0",
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Limits:AnswerIdleTimeoutSeconds"] = "2",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await StopUpstreamAsync();
    }
}

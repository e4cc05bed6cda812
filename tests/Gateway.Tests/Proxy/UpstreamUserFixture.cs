using TestDoubles.Anthropic;

namespace Gateway.Tests.Proxy;

/// <summary>One gateway per <c>Upstream:ForwardUser</c> mode (<c>pseudonymous</c> being the default, left unset), each in
/// front of the same three fake upstreams, one per dialect, picked by model: <c>gpt-*</c> a chat completions upstream,
/// <c>resp-*</c> a Responses upstream, <c>claude-*</c> an Anthropic Messages upstream. Two app keys in two tenants.</summary>
public sealed class UpstreamUserFixture : IAsyncLifetime
{
    public const string KeyA = "sk-forward-user-acme";
    public const string KeyB = "sk-forward-user-globex";

    public FakeOpenAIUpstream Chat { get; private set; } = null!;
    public FakeResponsesUpstream Responses { get; private set; } = null!;
    public FakeAnthropicUpstream Anthropic { get; private set; } = null!;

    private readonly Dictionary<string, TestGateway> _gateways = new(StringComparer.Ordinal);

    /// <summary>The gateway of <paramref name="mode"/> (<c>default</c>, <c>pseudonymous</c>, <c>asis</c>, <c>none</c>).</summary>
    public TestGateway Gateway(string mode) => _gateways[mode];

    public async Task InitializeAsync()
    {
        Chat = await FakeOpenAIUpstream.StartAsync();
        Responses = await FakeResponsesUpstream.StartAsync();
        Anthropic = await FakeAnthropicUpstream.StartAsync();
        foreach (var mode in new[] { "default", "asis", "none" })
        {
            var settings = new Dictionary<string, string?>
            {
                ["Upstream:BaseUrl"] = Chat.BaseUrl,
                ["Upstream:Models:0"] = "gpt-*",
                ["Upstream:MaxRetries"] = "0",
                ["Upstream:Fallbacks:0:Name"] = "responses",
                ["Upstream:Fallbacks:0:Kind"] = "responses",
                ["Upstream:Fallbacks:0:BaseUrl"] = Responses.BaseUrl,
                ["Upstream:Fallbacks:0:Models:0"] = "resp-*",
                ["Upstream:Fallbacks:0:MaxRetries"] = "0",
                ["Upstream:Fallbacks:1:Name"] = "anthropic",
                ["Upstream:Fallbacks:1:Kind"] = "anthropic",
                ["Upstream:Fallbacks:1:BaseUrl"] = Anthropic.BaseUrl,
                ["Upstream:Fallbacks:1:ApiKey"] = FakeAnthropicUpstream.ApiKey,
                ["Upstream:Fallbacks:1:Models:0"] = "claude-*",
                ["Upstream:Fallbacks:1:MaxRetries"] = "0",
                ["Auth:Keys:0:Key"] = KeyA,
                ["Auth:Keys:0:Tenant"] = "acme",
                ["Auth:Keys:1:Key"] = KeyB,
                ["Auth:Keys:1:Tenant"] = "globex",
            };
            if (mode != "default")
            {
                settings["Upstream:ForwardUser"] = mode;
            }

            var gateway = await TestGateway.StartAsync(settings);
            gateway.Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KeyA);
            _gateways[mode] = gateway;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways.Values)
        {
            await gateway.DisposeAsync();
        }

        await Chat.DisposeAsync();
        await Responses.DisposeAsync();
        await Anthropic.DisposeAsync();
    }

    /// <summary>The body the upstream of <paramref name="model"/>'s dialect received holding <paramref name="marker"/>.</summary>
    public JsonObject Received(string model, string marker)
    {
        var requests = model switch
        {
            _ when model.StartsWith("resp-", StringComparison.Ordinal) => Responses.ResponsesRequests,
            _ when model.StartsWith("claude-", StringComparison.Ordinal) => Anthropic.Requests,
            _ => Chat.ChatRequests,
        };
        return requests.Last(r => r.RawBody.Contains(marker, StringComparison.Ordinal)).Json!;
    }
}

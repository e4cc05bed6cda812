namespace Gateway.Tests.Proxy;

/// <summary>One fake upstream and one gateway in front of it, shared by the proxy tests of a class.</summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    public FakeOpenAIUpstream Upstream { get; private set; } = null!;
    public TestGateway Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = Upstream.BaseUrl,
            ["Upstream:ApiKey"] = "sk-upstream-secret",
            ["Upstream:RetryBaseDelaySeconds"] = "0.01",
            ["Limits:MaxRequestBytes"] = "65536",
        });
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

using Memory.Model;

namespace Gateway.Tests.MemoryApi;

/// <summary>A fake upstream and the real gateway in front of it (no app keys, the lexical <c>hash</c> embedder,
/// a 64 KiB body limit), shared by the tests of one class; each test uses its own user ids.</summary>
public class MemoryGatewayFixture : IAsyncLifetime
{
    public const int MaxRequestBytes = 65536;

    public FakeOpenAIUpstream Upstream { get; private set; } = null!;
    public TestGateway Gateway { get; private set; } = null!;
    public MemoryApiClient Api { get; private set; } = null!;

    /// <summary>The tenant every request lands in when no keys are configured.</summary>
    public static string Tenant => "default";

    public static UserKey KeyOf(string user) => new(Tenant, user);

    /// <summary>A user id no other test uses.</summary>
    public static string NewUser(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 128)];

    protected virtual IDictionary<string, string?> Settings(string upstreamBaseUrl) => new Dictionary<string, string?>
    {
        ["Upstream:BaseUrl"] = upstreamBaseUrl,
        ["Upstream:RetryBaseDelaySeconds"] = "0.01",
        ["Limits:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task InitializeAsync()
    {
        Upstream = await FakeOpenAIUpstream.StartAsync();
        Gateway = await TestGateway.StartAsync(Settings(Upstream.BaseUrl));
        Api = new MemoryApiClient(Gateway.Client);
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}

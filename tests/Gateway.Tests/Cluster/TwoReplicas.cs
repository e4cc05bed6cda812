using TestDoubles.Qdrant;

namespace Gateway.Tests.Cluster;

/// <summary>Two real gateways (loopback Kestrel) sharing one loopback Qdrant and one Redis under a key prefix of
/// their own, each with its own data directory (outbox, audit log) as separate machines would have.</summary>
public sealed class TwoReplicas : IAsyncDisposable
{
    private TwoReplicas(FakeQdrantServer qdrant, TestGateway a, TestGateway b, string prefix)
    {
        Qdrant = qdrant;
        A = a;
        B = b;
        KeyPrefix = prefix;
    }

    public FakeQdrantServer Qdrant { get; }

    public TestGateway A { get; }

    public TestGateway B { get; }

    public string KeyPrefix { get; }

    public static async Task<TwoReplicas> StartAsync(
        RedisServerFixture redis, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var qdrant = await FakeQdrantServer.StartAsync();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var merged = Settings(redis.Configuration, qdrant.Url, prefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        var a = await TestGateway.StartAsync(merged, configure);
        var b = await TestGateway.StartAsync(merged, configure);
        return new TwoReplicas(qdrant, a, b, prefix);
    }

    /// <summary>The settings of one clustered replica.</summary>
    public static Dictionary<string, string?> Settings(string redis, Uri qdrant, string prefix) => new()
    {
        ["Upstream:BaseUrl"] = "echo:",
        ["Memory:Store"] = "qdrant",
        ["Memory:Qdrant:Url"] = qdrant.ToString(),
        ["Memory:Qdrant:CollectionPrefix"] = prefix,
        ["Cluster:Redis"] = redis,
        ["Cluster:KeyPrefix"] = prefix,
        ["Guardrails:PseudonymKey"] = "cluster-tests-shared-audit-secret",
    };

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Qdrant.DisposeAsync();
    }
}

using Microsoft.Extensions.Options;

namespace Gateway.Tests.Cluster;

/// <summary><c>Cluster:Redis</c> is checked at startup; empty keeps the single process (no Redis is touched).</summary>
public sealed class ClusterSettingsTests
{
    [Theory]
    [InlineData("Cluster:Redis", "127.0.0.1:6379,notAnOption=1", "qdrant")]
    [InlineData("Cluster:Redis", ",", "qdrant")]
    [InlineData("Cluster:KeyPrefix", "has_underscore", "qdrant")]
    [InlineData("Cluster:Timeout", "00:00:00", "qdrant")]
    [InlineData("Cluster:Redis", "127.0.0.1:6379", "sqlite")]
    public async Task Bad_cluster_settings_stop_startup_naming_the_key(string key, string value, string store)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = "echo:",
            ["Memory:Store"] = store,
            ["Memory:Qdrant:Url"] = "http://127.0.0.1:1",
            ["Cluster:Redis"] = "127.0.0.1:1",
            ["Guardrails:PseudonymKey"] = "a-shared-secret-for-every-replica",
            [key] = value,
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestGateway.StartAsync(settings));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_cluster_redis_the_gateway_is_one_process_and_healthy()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });

        var health = JsonNode.Parse(await gateway.Client.GetStringAsync("healthz"))!;

        Assert.Equal("ok", (string?)health["status"]);
        Assert.Null(gateway.Services.GetService<Memory.Cluster.RedisConnection>());
        Assert.IsType<Memory.Stores.ErasureTombstones>(gateway.Services.GetRequiredService<Memory.Stores.IErasureTombstones>());
    }
}

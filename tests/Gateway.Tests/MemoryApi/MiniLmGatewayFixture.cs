using Memory.Embeddings;

namespace Gateway.Tests.MemoryApi;

/// <summary>The gateway with the default <c>minilm</c> embedder (all-MiniLM-L6-v2, shipped with the build).</summary>
public sealed class MiniLmGatewayFixture : MemoryGatewayFixture
{
    public static IDictionary<string, string?> MiniLm(IDictionary<string, string?> settings)
    {
        settings["Memory:Embedder"] = "minilm";
        return settings;
    }

    /// <summary>Fails when the model did not load and the gateway fell back to the lexical embedder.</summary>
    public static void AssertMiniLmServes(TestGateway gateway)
    {
        var status = gateway.Services.GetRequiredService<EmbedderStatus>();
        Assert.True(status.Active == "minilm" && !status.IsDegraded, $"minilm is not serving: {status.Active} ({status.FallbackReason})");
    }

    protected override IDictionary<string, string?> Settings(string upstreamBaseUrl) => MiniLm(base.Settings(upstreamBaseUrl));
}

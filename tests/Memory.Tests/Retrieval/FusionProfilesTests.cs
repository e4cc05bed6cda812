using Memory.Embeddings.Onnx;
using Memory.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TestDoubles;

namespace Memory.Tests.Retrieval;

/// <summary>The retrieval defaults follow the embedder the gateway runs (the tuned MiniLM's profile), and a setting the
/// deployer gives always wins over the profile.</summary>
public sealed class FusionProfilesTests
{
    private const string TunedId = OnnxEmbeddingGenerators.MiniLmMemoryModelIdPrefix + "0123abcd";

    [Theory]
    [InlineData(TunedId, 0.2, 0.8, 0.0, 0.0, 0.25)]
    [InlineData(TunedId + "-int8", 0.2, 0.8, 0.0, 0.0, 0.25)]
    [InlineData(OnnxEmbeddingGenerators.MiniLmModelId, 0.6, 0.4, 0.15, 0.1, 0.3)]
    [InlineData("hash-v1-512", 0.6, 0.4, 0.15, 0.1, 0.3)]
    public void The_embedder_picks_the_fusion_defaults(string modelId, double lexical, double dense, double hub, double answerType, double promptGate)
    {
        var options = Resolve(modelId, new Dictionary<string, string?>());

        Assert.Equal((lexical, dense, hub, answerType, promptGate),
            (options.LexicalWeight, options.DenseWeight, options.HubPenalty, options.AnswerTypeBonus, options.MinPromptDenseSimilarity));
    }

    [Fact]
    public void A_key_the_deployer_sets_wins_over_the_profile()
    {
        var options = Resolve(TunedId, new Dictionary<string, string?>
        {
            ["Memory:Retrieval:LexicalWeight"] = "0.5",
            ["Memory:Retrieval:HubPenalty"] = "0.25",
            ["Memory:Retrieval:MinPromptDenseSimilarity"] = "0.35",
        });

        Assert.Equal(0.35, options.MinPromptDenseSimilarity);
        Assert.Equal(0.5, options.LexicalWeight);
        Assert.Equal(0.25, options.HubPenalty);
        Assert.Equal(0.8, options.DenseWeight); // not set: the profile's
        Assert.Equal(0.0, options.AnswerTypeBonus);
    }

    [Fact]
    public void A_hosts_configure_step_wins_over_the_profile_even_when_registered_before_the_gateway()
    {
        var options = Resolve(TunedId, new Dictionary<string, string?>(), services => services.Configure<RetrievalOptions>(o =>
        {
            o.LexicalWeight = 0.45;
            o.DenseWeight = 0.55;
        }));

        Assert.Equal((0.45, 0.55), (options.LexicalWeight, options.DenseWeight));
        Assert.Equal(0.0, options.HubPenalty); // not set by the host: the profile's
    }

    private static RetrievalOptions Resolve(string modelId, Dictionary<string, string?> settings, Action<IServiceCollection>? before = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        before?.Invoke(services);
        services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(MemoryServiceCollectionExtensions.RawEmbedderKey, new FakeEmbeddingGenerator(modelId));
        services.AddHybridRetrieval(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<RetrievalOptions>>().Value;
    }
}

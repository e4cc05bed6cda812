using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Memory.Model;
using Memory.Tests.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TestDoubles;

namespace Memory.Tests.Embeddings;

public sealed class QueryPurposeTests
{
    [Fact]
    public async Task The_retriever_marks_its_query_embedding_as_a_query()
    {
        var fixture = new RetrieverFixture();
        var recording = new RecordingEmbedder(fixture.Hash);
        fixture.Embedder = recording;
        await fixture.AddAsync(RetrieverFixture.Alice, fixture.Item("a", "Alice plays the violin."));

        await fixture.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "which instrument?" });

        Assert.Equal([true], recording.Purposes);
    }

    [Fact]
    public void Options_without_the_mark_are_not_a_query()
    {
        Assert.False(EmbeddingInputs.IsQuery(null));
        Assert.False(EmbeddingInputs.IsQuery(new EmbeddingGenerationOptions()));
        Assert.False(EmbeddingInputs.IsQuery(new EmbeddingGenerationOptions
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [EmbeddingInputs.PurposeKey] = "document" },
        }));
        Assert.True(EmbeddingInputs.IsQuery(EmbeddingInputs.Query()));
    }

    [Fact]
    public async Task Memory_Embedder_arctic_selects_the_shipped_arctic_model_behind_the_cache()
    {
        using var directory = new TempDirectory();
        var services = new ServiceCollection().AddLogging();
        services.AddGatewayMemory(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Memory:Embedder"] = "arctic",
            ["Storage:Directory"] = directory.Path,
        }).Build());
        await using var provider = services.BuildServiceProvider();

        var status = provider.GetRequiredService<EmbedderStatus>();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        Assert.Equal("arctic", status.Active);
        Assert.False(status.IsDegraded);
        Assert.Equal(OnnxEmbeddingGenerators.ArcticModelId, EmbeddingGenerators.ModelIdOf(generator));
        Assert.NotNull(generator.GetService<IEmbeddingCache>());
    }

    private sealed class RecordingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public List<bool> Purposes { get; } = [];

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (Purposes)
            {
                Purposes.Add(EmbeddingInputs.IsQuery(options));
            }

            return base.GenerateAsync(values, options, cancellationToken);
        }
    }
}

using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary><c>QueryPrecision</c>: queries run on the other build of the shipped model while stored texts, and the
/// id recorded with their vectors, stay at <c>Precision</c>.</summary>
public sealed class QueryPrecisionTests
{
    private const string Text = "My daughter Mia turns seven in March.";

    [Fact]
    public async Task Int8_queries_use_the_int8_graph_while_stored_texts_stay_fp32()
    {
        using var fp32 = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1 });
        using var int8 = Create(new OnnxEmbeddingOptions { Precision = OnnxPrecision.Int8, IntraOpThreads = 1 });
        using var mixed = Create(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Int8, IntraOpThreads = 1 });

        var stored = (await mixed.GenerateAsync([Text])).Single();
        var query = (await mixed.GenerateAsync([Text], EmbeddingInputs.Query())).Single();

        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, stored.ModelId);
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, query.ModelId);
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, EmbeddingGenerators.ModelIdOf(mixed));
        Assert.Equal((await fp32.GenerateAsync([Text])).Single().Vector.ToArray(), stored.Vector.ToArray());
        Assert.Equal((await int8.GenerateAsync([Text], EmbeddingInputs.Query())).Single().Vector.ToArray(), query.Vector.ToArray());
        Assert.NotEqual(stored.Vector.ToArray(), query.Vector.ToArray());
    }

    [Fact]
    public async Task The_embedding_cache_keeps_int8_queries_apart_from_fp32_stored_vectors()
    {
        using var directory = new TestDoubles.TempDirectory();
        using var fp32 = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1 });
        var mixed = Create(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Int8, IntraOpThreads = 1 });
        using var cached = new CachingEmbeddingGenerator(mixed, directory.Path, new EmbeddingCacheOptions(), TimeProvider.System, NullLogger<CachingEmbeddingGenerator>.Instance);

        var query = (await cached.GenerateAsync([Text], EmbeddingInputs.Query())).Single();
        var stored = (await cached.GenerateAsync([Text])).Single();

        // Had the cache served the query's int8 vector for the stored text, it would not be the fp32 one.
        Assert.Equal((await fp32.GenerateAsync([Text])).Single().Vector.ToArray(), stored.Vector.ToArray());
        Assert.NotEqual(stored.Vector.ToArray(), query.Vector.ToArray());
    }

    [Fact]
    public void An_unknown_query_precision_is_a_clear_error()
    {
        var options = new OnnxEmbeddingOptions { QueryPrecision = (OnnxPrecision)7 };

        Assert.False(OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("QueryPrecision", error, StringComparison.Ordinal);
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(OnnxEmbeddingOptions options) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);
}

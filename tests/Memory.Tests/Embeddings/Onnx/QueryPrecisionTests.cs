using Memory.Configuration;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary><c>QueryPrecision</c>: queries run on the other build of the shipped model while stored texts, and the
/// id recorded with their vectors, stay at <c>Precision</c>; MiniLM's queries default to its int8 query graph.</summary>
public sealed class QueryPrecisionTests
{
    private const string Text = "My daughter Mia turns seven in March.";

    [Fact]
    public async Task Int8_queries_use_the_int8_query_graph_while_stored_texts_stay_fp32()
    {
        using var fp32 = Create(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Fp32, IntraOpThreads = 1 });
        using var int8 = Create(new OnnxEmbeddingOptions { Precision = OnnxPrecision.Int8, IntraOpThreads = 1 });
        using var queryGraph = QueryGraph();
        using var mixed = Create(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Int8, IntraOpThreads = 1 });

        var stored = (await mixed.GenerateAsync([Text])).Single();
        var query = (await mixed.GenerateAsync([Text], EmbeddingInputs.Query())).Single();

        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, stored.ModelId);
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, query.ModelId);
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, EmbeddingGenerators.ModelIdOf(mixed));
        Assert.Equal((await fp32.GenerateAsync([Text])).Single().Vector.ToArray(), stored.Vector.ToArray());
        // MiniLM's queries run on its query graph (model.int8q.onnx), not on the plain int8 graph of Precision=Int8.
        Assert.Equal((await queryGraph.GenerateAsync([Text])).Single().Vector.ToArray(), query.Vector.ToArray());
        Assert.NotEqual((await int8.GenerateAsync([Text], EmbeddingInputs.Query())).Single().Vector.ToArray(), query.Vector.ToArray());
        Assert.NotEqual(stored.Vector.ToArray(), query.Vector.ToArray());
    }

    [Fact]
    public async Task MiniLM_queries_default_to_the_int8_query_graph_and_Fp32_keeps_them_on_fp32()
    {
        using var defaults = Create(new OnnxEmbeddingOptions { IntraOpThreads = 1 });
        using var queryGraph = QueryGraph();
        using var fp32 = Create(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Fp32, IntraOpThreads = 1 });

        var query = (await defaults.GenerateAsync([Text], EmbeddingInputs.Query())).Single();
        var stored = (await defaults.GenerateAsync([Text])).Single();
        var fp32Query = (await fp32.GenerateAsync([Text], EmbeddingInputs.Query())).Single();

        Assert.Equal((await queryGraph.GenerateAsync([Text])).Single().Vector.ToArray(), query.Vector.ToArray());
        Assert.Equal((await fp32.GenerateAsync([Text])).Single().Vector.ToArray(), stored.Vector.ToArray());
        Assert.Equal(OnnxEmbeddingGenerators.MiniLmModelId, EmbeddingGenerators.ModelIdOf(defaults));
        Assert.Equal(stored.Vector.ToArray(), fp32Query.Vector.ToArray());
        Assert.NotEqual(fp32Query.Vector.ToArray(), query.Vector.ToArray());
    }

    [Fact]
    public async Task Arctic_queries_follow_precision_unless_told_otherwise()
    {
        using var defaults = Arctic(new OnnxEmbeddingOptions { IntraOpThreads = 1 });
        using var fp32 = Arctic(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Fp32, IntraOpThreads = 1 });

        Assert.Equal((await fp32.GenerateAsync([Text], EmbeddingInputs.Query())).Single().Vector.ToArray(),
            (await defaults.GenerateAsync([Text], EmbeddingInputs.Query())).Single().Vector.ToArray());
    }

    /// <summary>The int8 query graph holds 0.98 against fp32 on every everyday text embedded as a query (one-word chat
    /// turns included, where the plain int8 graph falls to ~0.95), with a median of 0.995: for the published weights,
    /// and for the tuned ones whose query graph the build smooths with the published model's calibration statistics.</summary>
    [Theory]
    [InlineData(OnnxTuning.None)]
    [InlineData(OnnxTuning.Memory)]
    public async Task The_int8_query_graph_stays_close_to_fp32_on_everyday_queries(OnnxTuning tuning)
    {
        using var defaults = CreateTuned(new OnnxEmbeddingOptions { IntraOpThreads = 1, Tuning = tuning });
        using var fp32 = CreateTuned(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Fp32, IntraOpThreads = 1, Tuning = tuning });

        var reference = await fp32.GenerateAsync(Int8Sentences.All, EmbeddingInputs.Query());
        var queries = await defaults.GenerateAsync(Int8Sentences.All, EmbeddingInputs.Query());

        var cosines = new List<double>();
        for (var i = 0; i < Int8Sentences.All.Length; i++)
        {
            var cosine = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(reference[i].Vector.Span, queries[i].Vector.Span);
            Assert.True(cosine >= 0.98, $"query '{Int8Sentences.All[i]}': cosine {cosine:F4}");
            cosines.Add(cosine);
        }

        Assert.True(cosines.Order().ElementAt(cosines.Count / 2) >= 0.995, $"median cosine {cosines.Order().ElementAt(cosines.Count / 2):F4}");
    }

    [Fact]
    public void The_build_ships_the_int8_query_graph_beside_the_int8_graph()
    {
        var fp32 = new FileInfo(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "model.onnx"));
        var queryGraph = new FileInfo(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, OnnxEmbeddingGenerators.MiniLmQueryGraphFile));

        Assert.True(queryGraph.Exists, "the build did not write " + OnnxEmbeddingGenerators.MiniLmQueryGraphFile);
        // 34 of the 36 weight matrices become int8 (two 1536x384 stay fp32): about 26.5 MB less than fp32.
        Assert.InRange(fp32.Length - queryGraph.Length, 22_000_000, 30_000_000);
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

    /// <summary>The query graph file loaded as a deployer's own model, with MiniLM's settings.</summary>
    private static IEmbeddingGenerator<string, Embedding<float>> QueryGraph() =>
        OnnxEmbeddingGenerators.TryCreate(new OnnxEmbeddingOptions
        {
            ModelPath = Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, OnnxEmbeddingGenerators.MiniLmQueryGraphFile),
            VocabPath = Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "vocab.txt"),
            OutputName = "last_hidden_state",
            IntraOpThreads = 1,
        }, NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);

    private static IEmbeddingGenerator<string, Embedding<float>> Arctic(OnnxEmbeddingOptions options) =>
        OnnxEmbeddingGenerators.TryCreateArctic(options, NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);

    /// <summary>The published MiniLM (<see cref="OnnxTuning.None"/>), whose files these tests read directly; the tuned
    /// model's folder holds the same variants (TunedMiniLmTests).</summary>
    private static IEmbeddingGenerator<string, Embedding<float>> Create(OnnxEmbeddingOptions options) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(WithoutTuning(options), NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);

    private static IEmbeddingGenerator<string, Embedding<float>> CreateTuned(OnnxEmbeddingOptions options) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);

    private static OnnxEmbeddingOptions WithoutTuning(OnnxEmbeddingOptions options)
    {
        options.Tuning = OnnxTuning.None;
        return options;
    }
}

using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

public sealed class Int8EmbeddingGeneratorTests
{
    public static TheoryData<string> Models => new() { "minilm", "arctic" };

    /// <summary>arctic's int8 graph holds 0.98 on every text; MiniLM's falls to ~0.95 on one-word chat turns ("ok",
    /// "Thanks!"), which is why fp32 stays its default (docs/embedders.md); both keep a median of 0.99.</summary>
    [Theory]
    [InlineData("arctic", 0.98)]
    [InlineData("minilm", 0.95)]
    public async Task The_int8_variant_stays_close_to_fp32_on_everyday_texts(string model, double minimum)
    {
        using var fp32 = Create(model, OnnxPrecision.Fp32);
        using var int8 = Create(model, OnnxPrecision.Int8);

        var reference = await fp32.GenerateAsync(Int8Sentences.All);
        var quantized = await int8.GenerateAsync(Int8Sentences.All);
        var referenceQueries = await fp32.GenerateAsync(Int8Sentences.All, EmbeddingInputs.Query());
        var queries = await int8.GenerateAsync(Int8Sentences.All, EmbeddingInputs.Query());

        var cosines = new List<double>();
        for (var i = 0; i < Int8Sentences.All.Length; i++)
        {
            var cosine = Cosine(reference[i].Vector.Span, quantized[i].Vector.Span);
            Assert.True(cosine >= minimum, $"'{Int8Sentences.All[i]}': cosine {cosine:F4}");
            var queryCosine = Cosine(referenceQueries[i].Vector.Span, queries[i].Vector.Span);
            Assert.True(queryCosine >= minimum, $"query '{Int8Sentences.All[i]}': cosine {queryCosine:F4}");
            cosines.Add(cosine);
        }

        Assert.True(cosines.Order().ElementAt(cosines.Count / 2) >= 0.99, $"median cosine {cosines.Order().ElementAt(cosines.Count / 2):F4}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Int8_vectors_carry_their_own_model_id_so_stores_re_embed_on_a_precision_change(string model)
    {
        using var int8 = Create(model, OnnxPrecision.Int8);

        var embedding = (await int8.GenerateAsync(["I like green tea"])).Single();

        var expected = (model == "minilm" ? OnnxEmbeddingGenerators.MiniLmModelId : OnnxEmbeddingGenerators.ArcticModelId) + "-int8";
        Assert.Equal(expected, embedding.ModelId);
        Assert.Equal(expected, EmbeddingGenerators.ModelIdOf(int8));
        Assert.Equal(384, embedding.Vector.Length);
    }

    [Fact]
    public void The_build_ships_an_int8_model_with_a_quarter_of_the_matmul_weights()
    {
        var fp32 = new FileInfo(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "model.onnx"));
        var int8 = new FileInfo(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "model.int8.onnx"));

        Assert.True(int8.Exists, "the build did not write model.int8.onnx");
        // 36 weight matrices of 42.5 M fp32 bytes become int8: about 30 MB less; the embedding tables stay fp32.
        Assert.InRange(fp32.Length - int8.Length, 25_000_000, 35_000_000);
    }

    [Fact]
    public void The_shipped_models_run_on_one_intra_op_thread_unless_told_otherwise()
    {
        var log = new RecordingLoggerFactory();

        Assert.True(OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), log, out var generator, out var error), error);
        generator.Dispose();

        var loaded = Assert.Single(log.Events(2500));
        Assert.Equal(1, loaded["Threads"]);
    }

    [Fact]
    public void An_unknown_precision_is_a_clear_error()
    {
        var options = new OnnxEmbeddingOptions { Precision = (OnnxPrecision)7 };

        Assert.False(OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("Precision", error, StringComparison.Ordinal);
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(string model, OnnxPrecision precision)
    {
        // The published MiniLM: the tuned one has the same variants under its own id (TunedMiniLmTests).
        var options = new OnnxEmbeddingOptions { Precision = precision, IntraOpThreads = 1, Tuning = OnnxTuning.None };
        IEmbeddingGenerator<string, Embedding<float>>? generator;
        string? error;
        var loaded = model == "minilm"
            ? OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out generator, out error)
            : OnnxEmbeddingGenerators.TryCreateArctic(options, NullLoggerFactory.Instance, out generator, out error);
        return loaded ? generator! : throw new InvalidOperationException(error);
    }

    private static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);
}

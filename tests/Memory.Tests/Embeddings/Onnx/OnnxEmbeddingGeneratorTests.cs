using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using TestDoubles;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>The <c>onnx</c> flavour, on a tiny model the tests write themselves.</summary>
public sealed class OnnxEmbeddingGeneratorTests : IDisposable
{
    private const int BatchEncodedEvent = 2503;
    private readonly TempDirectory _folder = new();

    public OnnxEmbeddingGeneratorTests()
    {
        TinyOnnxModel.WriteModel(_folder.File("model.onnx"));
        TinyOnnxModel.WriteVocabulary(_folder.File("vocab.txt"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Embeds_with_the_deployers_model_file_mean_pooled_and_normalised()
    {
        using var generator = Create(Options());

        var vector = await EmbedAsync(generator, "Hello, WORLD");

        // [CLS] hello , world [SEP]: "," is not in the tiny vocabulary, so it is [UNK].
        AssertClose(Normalised(Mean(2, 5, 1, 6, 3)), vector);
    }

    [Fact]
    public async Task Without_normalisation_the_plain_mean_is_returned()
    {
        var options = Options();
        options.Normalize = false;
        using var generator = Create(options);

        AssertClose(Mean(2, 8, 9, 3), await EmbedAsync(generator, "cats"));
    }

    [Fact]
    public async Task Cls_pooling_takes_the_first_tokens_vector()
    {
        var options = Options();
        options.Pooling = OnnxPooling.Cls;
        using var generator = Create(options);

        AssertClose(Normalised(TinyOnnxModel.Row(2)), await EmbedAsync(generator, "big cats"));
    }

    [Fact]
    public async Task Padding_in_a_shared_batch_does_not_change_a_vector()
    {
        using var generator = Create(Options());

        var together = await generator.GenerateAsync(["hello", "big cats hello world hello world big"]);

        AssertClose(Normalised(Mean(2, 5, 3)), together[0].Vector.ToArray());
        AssertClose(await EmbedAsync(generator, "big cats hello world hello world big"), together[1].Vector.ToArray());
    }

    [Fact]
    public async Task Texts_are_truncated_to_max_tokens()
    {
        var options = Options();
        options.MaxTokens = 4;
        using var generator = Create(options);

        AssertClose(Normalised(Mean(2, 7, 8, 3)), await EmbedAsync(generator, "big cat hello world"));
    }

    [Fact]
    public async Task A_model_without_token_types_is_fed_only_the_inputs_it_declares()
    {
        TinyOnnxModel.WriteModel(_folder.File("no-types.onnx"), declareTokenTypes: false);
        var options = Options();
        options.ModelPath = _folder.File("no-types.onnx");
        using var generator = Create(options);

        AssertClose(Normalised(Mean(2, 5, 3)), await EmbedAsync(generator, "hello"));
    }

    [Fact]
    public async Task The_model_id_defaults_to_a_hash_of_the_model_file()
    {
        File.Copy(_folder.File("model.onnx"), _folder.File("copy.onnx"));
        TinyOnnxModel.WriteModel(_folder.File("other.onnx"), declareTokenTypes: false);
        using var first = Create(Options());
        using var copy = Create(Options("copy.onnx"));
        using var other = Create(Options("other.onnx"));

        var id = (await first.GenerateAsync(["hello"]))[0].ModelId;

        Assert.Matches("^onnx-[0-9a-f]{12}$", id);
        Assert.Equal(id, (await copy.GenerateAsync(["hello"]))[0].ModelId);
        Assert.NotEqual(id, (await other.GenerateAsync(["hello"]))[0].ModelId);
    }

    [Fact]
    public async Task A_configured_model_id_is_recorded_and_reported()
    {
        var options = Options();
        options.ModelId = "my-encoder-v2";
        using var generator = Create(options);

        Assert.Equal("my-encoder-v2", (await generator.GenerateAsync(["hello"]))[0].ModelId);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal("my-encoder-v2", metadata?.DefaultModelId);
        Assert.Equal(TinyOnnxModel.Dimensions, metadata?.DefaultModelDimensions);
    }

    [Fact]
    public async Task A_single_calls_texts_are_embedded_in_one_pass()
    {
        var log = new RecordingLoggerFactory();
        using var generator = Create(Options(), log);

        var embeddings = await generator.GenerateAsync(["hello", "world", "big cats", "cat", "hello world"]);

        Assert.Equal(5, embeddings.Count);
        var batch = Assert.Single(log.Events(BatchEncodedEvent));
        Assert.Equal(5, batch["Count"]);
    }

    [Fact]
    public async Task Texts_are_sorted_by_length_so_batches_pad_little()
    {
        var log = new RecordingLoggerFactory();
        var options = Options();
        options.MaxBatchSize = 2;
        using var generator = Create(options, log);

        // Token counts with [CLS] and [SEP]: 8, 3, 7, 4. In arrival order the batches would pad to 8 and 7.
        var embeddings = await generator.GenerateAsync(
            ["hello hello hello hello hello hello", "cat", "hello hello hello hello hello", "big cat"]);

        var batches = log.Events(BatchEncodedEvent);
        Assert.Equal([4, 8], batches.Select(b => (int)b["PaddedTokens"]!).Order());
        Assert.All(batches, b => Assert.Equal(2, b["Count"]));
        AssertClose(Normalised(Mean(2, 8, 3)), embeddings[1].Vector.ToArray());
    }

    [Fact]
    public async Task A_disposed_generator_rejects_calls()
    {
        var generator = Create(Options());
        generator.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => generator.GenerateAsync(["hello"]));
    }

    [Fact]
    public void A_missing_model_file_is_a_failure_value_not_an_exception()
    {
        var options = Options("absent.onnx");

        Assert.False(OnnxEmbeddingGenerators.TryCreate(options, NullLoggerFactory.Instance, out var generator, out var error));
        Assert.Null(generator);
        Assert.Contains("absent.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_vocabulary_is_a_failure_value()
    {
        var options = Options();
        options.VocabPath = _folder.File("absent.txt");

        Assert.False(OnnxEmbeddingGenerators.TryCreate(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("absent.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_paths_are_a_failure_value()
    {
        Assert.False(OnnxEmbeddingGenerators.TryCreate(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("Memory:Onnx:ModelPath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_model_file_is_a_failure_value()
    {
        File.WriteAllBytes(_folder.File("corrupt.onnx"), [0xde, 0xad, 0xbe, 0xef, 0x00, 0x01]);

        Assert.False(OnnxEmbeddingGenerators.TryCreate(Options("corrupt.onnx"), NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("corrupt.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vocabulary_without_bert_special_tokens_is_a_failure_value()
    {
        File.WriteAllLines(_folder.File("plain.txt"), ["hello", "world"]);
        var options = Options();
        options.VocabPath = _folder.File("plain.txt");

        Assert.False(OnnxEmbeddingGenerators.TryCreate(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public void A_model_without_token_vectors_output_is_a_failure_value()
    {
        TinyOnnxModel.WriteModel(_folder.File("pooled.onnx"), outputName: "sentence_vector");

        Assert.False(OnnxEmbeddingGenerators.TryCreate(Options("pooled.onnx"), NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("last_hidden_state", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_output_is_used()
    {
        TinyOnnxModel.WriteModel(_folder.File("named.onnx"), outputName: "token_vectors");
        var options = Options("named.onnx");
        options.OutputName = "token_vectors";
        using var generator = Create(options);

        AssertClose(Normalised(Mean(2, 5, 3)), await EmbedAsync(generator, "hello"));
    }

    [Theory]
    [InlineData(2, 32, 1.0, 0)]
    [InlineData(256, 0, 1.0, 0)]
    [InlineData(256, 32, -1.0, 0)]
    [InlineData(256, 32, 1.0, -1)]
    public void Out_of_range_settings_are_a_failure_value(int maxTokens, int maxBatchSize, double window, int threads)
    {
        var options = Options();
        options.MaxTokens = maxTokens;
        options.MaxBatchSize = maxBatchSize;
        options.BatchWindowMilliseconds = window;
        options.IntraOpThreads = threads;

        Assert.False(OnnxEmbeddingGenerators.TryCreate(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.StartsWith("Memory:Onnx:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_missing_from_its_folder_is_a_failure_value()
    {
        Assert.False(OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, _folder.File("models"), out var generator, out var error));
        Assert.Null(generator);
        Assert.Contains("model.onnx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_model_refuses_more_tokens_than_its_positions()
    {
        var options = new OnnxEmbeddingOptions { MaxTokens = 1024 };

        Assert.False(OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out _, out var error));
        Assert.Contains("Memory:MiniLm:MaxTokens", error, StringComparison.Ordinal);
    }

    private OnnxEmbeddingOptions Options(string model = "model.onnx") => new()
    {
        ModelPath = _folder.File(model),
        VocabPath = _folder.File("vocab.txt"),
        IntraOpThreads = 1,
        BatchWindowMilliseconds = 0,
    };

    private static IEmbeddingGenerator<string, Embedding<float>> Create(OnnxEmbeddingOptions options, RecordingLoggerFactory? log = null)
    {
        Assert.True(OnnxEmbeddingGenerators.TryCreate(options, (Microsoft.Extensions.Logging.ILoggerFactory?)log ?? NullLoggerFactory.Instance, out var generator, out var error), error);
        return generator;
    }

    private static async Task<float[]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, string text) =>
        (await generator.GenerateAsync([text]))[0].Vector.ToArray();

    private static float[] Mean(params int[] ids)
    {
        var mean = new float[TinyOnnxModel.Dimensions];
        foreach (var id in ids)
        {
            var row = TinyOnnxModel.Row(id);
            for (var d = 0; d < mean.Length; d++)
            {
                mean[d] += row[d] / ids.Length;
            }
        }

        return mean;
    }

    private static float[] Normalised(float[] vector)
    {
        var norm = (float)Math.Sqrt(vector.Sum(x => (double)x * x));
        return [.. vector.Select(x => x / norm)];
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"dimension {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}

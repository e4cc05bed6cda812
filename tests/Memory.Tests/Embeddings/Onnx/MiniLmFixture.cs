using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>The shipped all-MiniLM-L6-v2 with its published weights (<see cref="OnnxTuning.None"/>: the
/// sentence-transformers reference vectors hold for them), loaded once for the tests that share it.</summary>
public sealed class MiniLmFixture : IDisposable
{
    public MiniLmFixture()
    {
        var options = new OnnxEmbeddingOptions { BatchWindowMilliseconds = 2, Tuning = OnnxTuning.None };
        if (!OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out var generator, out var error))
        {
            throw new InvalidOperationException("The shipped model did not load: " + error);
        }

        Generator = generator;
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    public static string ModelPath => Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "model.onnx");

    public static string VocabPath => Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "vocab.txt");

    public async Task<float[]> EmbedAsync(string text) =>
        (await Generator.GenerateAsync([text])).Single().Vector.ToArray();

    public void Dispose() => Generator.Dispose();
}

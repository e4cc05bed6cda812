using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>The shipped snowflake-arctic-embed-xs, loaded once for the tests that share it.</summary>
public sealed class ArcticFixture : IDisposable
{
    public ArcticFixture()
    {
        var options = new OnnxEmbeddingOptions { BatchWindowMilliseconds = 2 };
        if (!OnnxEmbeddingGenerators.TryCreateArctic(options, NullLoggerFactory.Instance, out var generator, out var error))
        {
            throw new InvalidOperationException("The shipped model did not load: " + error);
        }

        Generator = generator;
    }

    public IEmbeddingGenerator<string, Embedding<float>> Generator { get; }

    public void Dispose() => Generator.Dispose();
}

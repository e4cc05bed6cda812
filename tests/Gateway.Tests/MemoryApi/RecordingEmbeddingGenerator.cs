using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace Gateway.Tests.MemoryApi;

/// <summary>Passes every call to the inner generator and records each text it was asked to embed.</summary>
public sealed class RecordingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, ConcurrentQueue<string> inputs)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        foreach (var value in list)
        {
            inputs.Enqueue(value);
        }

        return base.GenerateAsync(list, options, cancellationToken);
    }
}

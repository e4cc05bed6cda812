using Microsoft.Extensions.AI;

namespace Memory.Tests.WriteBack;

/// <summary>Deterministic lexical embeddings: each lower-cased word hashed into one of 256 dimensions, so texts
/// sharing words are similar and identical texts have cosine 1.</summary>
internal sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "fake-embed";
    private const int Dimensions = 256;
    private readonly EmbeddingGeneratorMetadata _metadata = new("fake", null, ModelId, Dimensions);

    public int Calls { get; private set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        Calls++;
        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var text in values)
        {
            var vector = new float[Dimensions];
            foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', '\''], StringSplitOptions.RemoveEmptyEntries))
            {
                var hash = 17u;
                foreach (var c in word)
                {
                    hash = (hash * 31) + c;
                }

                vector[hash % Dimensions] += 1;
            }

            result.Add(new Embedding<float>(vector));
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

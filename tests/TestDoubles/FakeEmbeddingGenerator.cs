using Microsoft.Extensions.AI;

namespace TestDoubles;

/// <summary>A deterministic embedder: each lower-cased word hashes (FNV-1a) to a signed dimension; the sum is
/// L2-normalised, so texts sharing words are similar and identical texts have cosine 1. Texts can be pinned to
/// chosen vectors. Records every call; can be told to fail. The one fake embedder of the test projects.</summary>
public sealed class FakeEmbeddingGenerator(string modelId = "fake-embedder", int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Dictionary<string, float[]> _pinned = new(StringComparer.Ordinal);

    public int Dimensions { get; } = dimensions;

    public string ModelId { get; set; } = modelId;

    public List<IReadOnlyList<string>> Calls { get; } = [];

    public bool Fail { get; set; }

    public void Pin(string text, float[] vector) => _pinned[text] = vector;

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        lock (Calls)
        {
            Calls.Add(texts);
        }

        if (Fail)
        {
            throw new HttpRequestException("embedder unavailable");
        }

        var embeddings = texts.Select(t => new Embedding<float>(Embed(t)) { ModelId = ModelId });
        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public float[] Embed(string text)
    {
        if (_pinned.TryGetValue(text, out var pinned))
        {
            return pinned;
        }

        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split(' ', '.', ',', '!', '?'))
        {
            if (word.Length == 0)
            {
                continue;
            }

            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % (uint)Dimensions] += (hash & 0x80000000) == 0 ? 1 : -1;
        }

        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return norm == 0 ? vector : vector.Select(x => x / norm).ToArray();
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("fake", null, ModelId, Dimensions)
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

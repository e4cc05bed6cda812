using Memory.Text;
using Microsoft.Extensions.AI;

namespace Memory.Embeddings.Hash;

/// <summary>A built-in, dependency-free embedding: signed feature hashing of a text's stemmed content words,
/// adjacent word pairs and character 3- to 5-grams within words, sub-linearly weighted and L2-normalised.
/// It is lexical, not semantic: texts score as similar when they share words, word stems or word fragments
/// (so plurals, tenses and typos still match), never because they mean the same thing in other words.
/// Deterministic across processes and machines; its model id names the algorithm version and dimension.</summary>
internal sealed class HashEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>Algorithm version; bump it whenever features, weights, hashing or text analysis change, so stored
    /// vectors of the old algorithm are recognised as another model and re-embedded.</summary>
    public const string ModelIdPrefix = "hash-v1";

    public const int DefaultDimensions = 512;

    private const float WordWeight = 1.0f;
    private const float BigramWeight = 0.5f;
    private const float CharGramWeight = 0.25f;
    private const int MinCharGram = 3;
    private const int MaxCharGram = 5;

    private readonly int _dimensions;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashEmbeddingGenerator(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dimensions, 65536);
        _dimensions = dimensions;
        _metadata = new EmbeddingGeneratorMetadata("hash", providerUri: null, ModelId, dimensions);
    }

    /// <summary>The model id stored with every vector, e.g. <c>hash-v1-512</c>.</summary>
    public string ModelId => $"{ModelIdPrefix}-{_dimensions}";

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != _dimensions)
        {
            throw new NotSupportedException($"This hash embedder produces {_dimensions} dimensions, not {requested}.");
        }

        var result = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(new Embedding<float>(Embed(value)) { ModelId = ModelId });
        }

        return Task.FromResult(result);
    }

    /// <summary>The L2-normalised vector of one text (all zeros for a text without content words).</summary>
    public float[] Embed(string? text)
    {
        var features = new Dictionary<ulong, Feature>();
        string? previous = null;
        foreach (var word in TextAnalyzer.Words(text))
        {
            if (EnglishStopWords.Contains(word))
            {
                continue;
            }

            var stem = PorterStemmer.Stem(word);
            Add(features, FeatureHash.Of('w', stem), WordWeight);
            if (previous is not null)
            {
                Add(features, FeatureHash.Of('b', previous, stem), BigramWeight);
            }

            AddCharGrams(features, word);
            previous = stem;
        }

        var vector = new float[_dimensions];
        foreach (var (hash, feature) in features)
        {
            var value = feature.Weight * (1f + MathF.Log(feature.Count));
            var index = (int)((hash >> 1) % (ulong)_dimensions);
            vector[index] += (hash & 1) == 0 ? value : -value;
        }

        Normalize(vector);
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }

    private static void AddCharGrams(Dictionary<ulong, Feature> features, string word)
    {
        // "<word>" with boundary markers, so prefixes and suffixes are features of their own.
        Span<char> padded = word.Length + 2 <= 128 ? stackalloc char[word.Length + 2] : new char[word.Length + 2];
        padded[0] = '<';
        word.AsSpan().CopyTo(padded[1..]);
        padded[^1] = '>';
        for (var n = MinCharGram; n <= MaxCharGram; n++)
        {
            for (var start = 0; start + n <= padded.Length; start++)
            {
                Add(features, FeatureHash.Of('c', padded.Slice(start, n)), CharGramWeight);
            }
        }
    }

    private static void Add(Dictionary<ulong, Feature> features, ulong hash, float weight)
    {
        features.TryGetValue(hash, out var feature);
        features[hash] = new Feature(feature.Count + 1, weight);
    }

    private static void Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(vector));
        if (norm > 0f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    private readonly record struct Feature(int Count, float Weight);
}

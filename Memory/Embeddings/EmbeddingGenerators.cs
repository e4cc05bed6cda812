using Memory.Embeddings.Hash;
using Memory.Embeddings.OpenAI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace Memory.Embeddings;

/// <summary>Factories for the built-in embedders, for the composition root to pick from with
/// <c>Memory:Embedder</c>, and the model-id convention every store and retriever shares.</summary>
public static class EmbeddingGenerators
{
    /// <summary>Setting for the hash embedder's vector size (default 512).</summary>
    public const string HashDimensionsKey = "Memory:Hash:Dimensions";

    /// <summary>The <c>hash</c> embedder: lexical feature hashing, no model, no download.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateHash(int dimensions = HashEmbeddingGenerator.DefaultDimensions) =>
        new HashEmbeddingGenerator(dimensions);

    /// <summary>The <c>hash</c> embedder sized by <see cref="HashDimensionsKey"/>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateHash(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[HashDimensionsKey];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return CreateHash();
        }

        if (!int.TryParse(configured, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var dims) ||
            dims is < 16 or > 65536)
        {
            throw new InvalidOperationException($"{HashDimensionsKey} must be a whole number from 16 to 65536.");
        }

        return CreateHash(dims);
    }

    /// <summary>The <c>openai</c> embedder over any OpenAI-compatible <c>/v1/embeddings</c>.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateOpenAI(OpenAIEmbeddingOptions options) =>
        OpenAIEmbeddingGeneratorFactory.Create(options);

    /// <summary>The id stored with every vector this generator makes: its metadata's default model id (for
    /// example <c>hash-v1-512</c> or <c>openai:text-embedding-3-small</c>), else its type name.</summary>
    public static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var id = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId;
        return string.IsNullOrWhiteSpace(id) ? generator.GetType().Name : id;
    }
}

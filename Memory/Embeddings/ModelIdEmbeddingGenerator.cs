using Microsoft.Extensions.AI;

namespace Memory.Embeddings;

/// <summary>Reports a fixed model id for an inner embedder, in its metadata and on every vector, so stores can tell
/// vectors of different models (or dimensions) apart even when the provider reports only a bare model name.</summary>
internal sealed class ModelIdEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>
{
    private readonly EmbeddingGeneratorMetadata _metadata;

    public ModelIdEmbeddingGenerator(
        IEmbeddingGenerator<string, Embedding<float>> inner, string providerName, Uri? providerUri, string modelId, int? dimensions)
        : base(inner)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ModelId = modelId;
        _metadata = new EmbeddingGeneratorMetadata(providerName, providerUri, modelId, dimensions);
    }

    public string ModelId { get; }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var generated = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        foreach (var embedding in generated)
        {
            embedding.ModelId = ModelId;
        }

        return generated;
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata)
            ? _metadata
            : base.GetService(serviceType, serviceKey);
    }
}

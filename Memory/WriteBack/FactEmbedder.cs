using Microsoft.Extensions.AI;

namespace Memory.WriteBack;

/// <summary>Embeds memory texts with the registered generator, L2-normalised, and names the model the way the
/// stores record it (<see cref="EmbeddingGeneratorMetadata.DefaultModelId"/>, else the provider name).</summary>
internal sealed class FactEmbedder(IEmbeddingGenerator<string, Embedding<float>> generator)
{
    private string? _modelId;

    public string ModelId => _modelId ??= ResolveModelId(generator);

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var embeddings = await generator.GenerateAsync(texts, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (embeddings.Count != texts.Count)
        {
            throw new InvalidOperationException("The embedding generator returned a different number of vectors than texts.");
        }

        return [.. embeddings.Select(e => Normalize(e.Vector.ToArray()))];
    }

    public static double Cosine(float[]? a, float[]? b)
    {
        if (a is null || b is null || a.Length != b.Length || a.Length == 0)
        {
            return 0;
        }

        return System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(a, b);
    }

    internal static string ResolveModelId(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        return metadata?.DefaultModelId ?? metadata?.ProviderName ?? generator.GetType().Name;
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        if (norm > 0 && Math.Abs(norm - 1) > 1e-6)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }
}

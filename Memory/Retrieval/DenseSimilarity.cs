using System.Numerics.Tensors;

namespace Memory.Retrieval;

/// <summary>The cosine between a query vector and a memory's stored vector, when that vector comes from the query's
/// model and has its length; null otherwise. A non-finite result (a zero vector) counts as 0.</summary>
internal static class DenseSimilarity
{
    /// <summary>The cosine for an indexed memory, whose length is known, and a query of inverse length
    /// <paramref name="queryInverseNorm"/>: one dot product.</summary>
    public static double? Cosine(ReadOnlySpan<float> query, float queryInverseNorm, IndexedMemory document, string model)
    {
        var item = document.Item;
        if (item.Embedding is not { Length: > 0 } vector || vector.Length != query.Length ||
            !string.Equals(item.EmbeddingModel, model, StringComparison.Ordinal))
        {
            return null;
        }

        var cosine = TensorPrimitives.Dot(query, vector) * queryInverseNorm * document.InverseNorm;
        return float.IsFinite(cosine) ? cosine : 0;
    }
}

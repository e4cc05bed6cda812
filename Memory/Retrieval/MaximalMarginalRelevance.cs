using System.Numerics.Tensors;

namespace Memory.Retrieval;

/// <summary>Maximal marginal relevance (Carbonell and Goldstein, 1998): picks, one at a time, the candidate that
/// best balances its relevance against its similarity to those already picked, so near-duplicates do not crowd
/// out other facts.</summary>
internal static class MaximalMarginalRelevance
{
    /// <summary>Up to <paramref name="count"/> candidates in MMR order. <paramref name="ranked"/> must be best first;
    /// relevance is scaled by the best score so it is comparable with similarity in [0, 1].</summary>
    public static List<RetrievalCandidate> Select(IReadOnlyList<RetrievalCandidate> ranked, double lambda, int count) =>
        count <= 0 ? [] : Order(ranked, lambda).Take(count).ToList();

    /// <summary>All of <paramref name="ranked"/> in MMR order, computed lazily: a caller that stops after a few (a
    /// filled token budget) pays only for the similarities of those few.</summary>
    public static IEnumerable<RetrievalCandidate> Order(IReadOnlyList<RetrievalCandidate> ranked, double lambda)
    {
        if (ranked.Count == 0)
        {
            yield break;
        }

        if (lambda >= 1)
        {
            foreach (var candidate in ranked)
            {
                yield return candidate;
            }

            yield break;
        }

        var top = ranked[0].Score;
        var scale = top > 0 ? 1 / top : 1;
        var remaining = ranked.ToList();
        var maxSimilarity = new double[remaining.Count];
        while (remaining.Count > 0)
        {
            var bestIndex = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var value = (lambda * remaining[i].Score * scale) - ((1 - lambda) * maxSimilarity[i]);
                if (value > bestValue)
                {
                    bestValue = value;
                    bestIndex = i;
                }
            }

            var chosen = remaining[bestIndex];
            yield return chosen;
            remaining.RemoveAt(bestIndex);
            Array.Copy(maxSimilarity, bestIndex + 1, maxSimilarity, bestIndex, remaining.Count - bestIndex);
            for (var i = 0; i < remaining.Count; i++)
            {
                maxSimilarity[i] = Math.Max(maxSimilarity[i], Similarity(chosen.Document, remaining[i].Document));
            }
        }
    }

    /// <summary>Cosine of the two stored vectors when both come from the same model, else the Jaccard overlap of
    /// their terms; clamped to [0, 1].</summary>
    public static double Similarity(IndexedMemory a, IndexedMemory b)
    {
        var va = a.Item.Embedding;
        var vb = b.Item.Embedding;
        if (va is { Length: > 0 } && vb is not null && va.Length == vb.Length &&
            string.Equals(a.Item.EmbeddingModel, b.Item.EmbeddingModel, StringComparison.Ordinal))
        {
            var cosine = TensorPrimitives.CosineSimilarity(va, vb);
            return float.IsFinite(cosine) ? Math.Clamp(cosine, 0, 1) : 0;
        }

        return Jaccard(a, b);
    }

    private static double Jaccard(IndexedMemory a, IndexedMemory b)
    {
        if (a.TermCounts.Count == 0 || b.TermCounts.Count == 0)
        {
            return 0;
        }

        var (small, large) = a.TermCounts.Count <= b.TermCounts.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var term in small.TermCounts.Keys)
        {
            if (large.TermCounts.ContainsKey(term))
            {
                shared++;
            }
        }

        return (double)shared / (a.TermCounts.Count + b.TermCounts.Count - shared);
    }
}

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
        var chosen = new List<IndexedMemory>();

        // Each candidate's highest similarity to the chosen ones is brought up to date only when the candidate could
        // still win: a similarity known to fewer chosen candidates is at most the true one, so the value it gives is an
        // upper bound, and a candidate whose bound does not beat the best so far is left as it is. The picks are those
        // of comparing every candidate with every pick; most similarities are never computed.
        var maxSimilarity = new double[remaining.Count];
        var comparedWith = new int[remaining.Count];
        while (remaining.Count > 0)
        {
            var bestIndex = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var relevance = lambda * remaining[i].Score * scale;
                var value = relevance - ((1 - lambda) * maxSimilarity[i]);
                if (value > bestValue && comparedWith[i] < chosen.Count)
                {
                    for (var c = comparedWith[i]; c < chosen.Count; c++)
                    {
                        maxSimilarity[i] = Math.Max(maxSimilarity[i], Similarity(chosen[c], remaining[i].Document));
                    }

                    comparedWith[i] = chosen.Count;
                    value = relevance - ((1 - lambda) * maxSimilarity[i]);
                }

                if (value > bestValue)
                {
                    bestValue = value;
                    bestIndex = i;
                }
            }

            var pick = remaining[bestIndex];
            yield return pick;
            chosen.Add(pick.Document);
            remaining.RemoveAt(bestIndex);
            Array.Copy(maxSimilarity, bestIndex + 1, maxSimilarity, bestIndex, remaining.Count - bestIndex);
            Array.Copy(comparedWith, bestIndex + 1, comparedWith, bestIndex, remaining.Count - bestIndex);
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
            // The lengths are kept with the indexed memories: one dot product per pair.
            var cosine = TensorPrimitives.Dot(va, vb) * a.InverseNorm * b.InverseNorm;
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

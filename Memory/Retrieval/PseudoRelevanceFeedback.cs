using System.Numerics.Tensors;

namespace Memory.Retrieval;

/// <summary>Pseudo-relevance feedback after the first fused ranking (off by default; docs/memory-retrieval.md, "Pseudo-relevance
/// feedback on LoCoMo"). The first ranking's top <see cref="RetrievalOptions.FeedbackDocuments"/> memories are taken as
/// relevant and the evidence is scored again: lexically (RM3-style, Lavrenko and Croft 2001; Abdul-Jaleel et al. 2004: the
/// terms those memories weigh most, tf share x idf, weighted by each memory's score, are added to the BM25 query below the
/// question's own terms), densely (score-level Rocchio: each candidate's cosine moves towards its cosine to the feedback
/// memories' centroid, the candidates' mean kept) and by neighbourhood (memories written at the same instant as a feedback
/// memory, one episode, gain a share of its fused score). The first ranking's first memory stays first: feedback reorders
/// ranks 2 and below only, so it cannot undo what the dense-winner protection decided.</summary>
internal static class PseudoRelevanceFeedback
{
    /// <summary>Whether any feedback is configured.</summary>
    public static bool Enabled(RetrievalOptions options) =>
        options.FeedbackDocuments > 0 &&
        (options.LexicalFeedbackWeight > 0 || options.DenseFeedbackWeight > 0 || options.NeighbourFeedbackWeight > 0);

    /// <summary>Each feedback memory's share of the feedback mass: its score over their sum (all alike when no score is
    /// positive).</summary>
    public static double[] DocumentWeights(IReadOnlyList<RetrievalCandidate> feedback)
    {
        var weights = new double[feedback.Count];
        var total = 0.0;
        for (var i = 0; i < feedback.Count; i++)
        {
            weights[i] = Math.Max(0, double.IsFinite(feedback[i].Score) ? feedback[i].Score : 0);
            total += weights[i];
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = total > 0 ? weights[i] / total : 1.0 / weights.Length;
        }

        return weights;
    }

    /// <summary>The <paramref name="count"/> expansion terms of the feedback memories, best first, with weights in (0, 1]
    /// (the best is 1): a term's weight is the sum over the feedback memories holding it of (memory weight x its share of
    /// the memory's terms) times its idf. Query terms are left out (they are in the query already), and so are terms held
    /// by fewer than <paramref name="minDocuments"/> feedback memories.</summary>
    public static List<(string Term, double Weight)> ExpansionTerms(
        IReadOnlyList<IndexedMemory> feedback, IReadOnlyList<double> documentWeights, IReadOnlyCollection<string> queryTerms,
        Func<string, double> idf, int count, int minDocuments = 1)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        ArgumentNullException.ThrowIfNull(documentWeights);
        ArgumentNullException.ThrowIfNull(idf);
        var query = queryTerms as IReadOnlySet<string> ?? queryTerms.ToHashSet(StringComparer.Ordinal);
        var mass = new Dictionary<string, (double Mass, int Documents)>(StringComparer.Ordinal);
        for (var d = 0; d < feedback.Count; d++)
        {
            var document = feedback[d];
            if (document.Length == 0)
            {
                continue;
            }

            foreach (var (term, tf) in document.TermCounts)
            {
                if (query.Contains(term))
                {
                    continue;
                }

                var known = mass.GetValueOrDefault(term);
                mass[term] = (known.Mass + (documentWeights[d] * tf / document.Length), known.Documents + 1);
            }
        }

        var terms = mass
            .Where(m => m.Value.Documents >= Math.Max(1, minDocuments))
            .Select(m => (Term: m.Key, Weight: m.Value.Mass * idf(m.Key)))
            .Where(t => t.Weight > 0 && double.IsFinite(t.Weight))
            .OrderByDescending(t => t.Weight)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(Math.Max(0, count))
            .ToList();
        var best = terms.Count == 0 ? 0 : terms[0].Weight;
        return terms.Select(t => (t.Term, t.Weight / best)).ToList();
    }

    /// <summary>Moves each candidate's cosine by <paramref name="weight"/> x (its cosine to the centroid of the feedback
    /// memories' unit vectors - the candidates' mean of that), so the candidates' mean cosine does not move (as the hub
    /// correction and the answer-type prior keep it). Candidates without a vector of <paramref name="model"/> keep theirs.</summary>
    public static void ShiftDense(IReadOnlyList<RetrievalCandidate> candidates, IReadOnlyList<RetrievalCandidate> feedback, string model, double weight)
    {
        float[]? centroid = null;
        foreach (var f in feedback)
        {
            if (Vector(f.Document, model) is { } vector && (centroid is null || centroid.Length == vector.Length))
            {
                centroid ??= new float[vector.Length];
                TensorPrimitives.MultiplyAdd(vector, f.Document.InverseNorm, centroid, centroid);
            }
        }

        var centroidInverse = centroid is null ? 0 : IndexedMemory.InverseNormOf(centroid);
        if (centroid is null || centroidInverse == 0)
        {
            return;
        }

        var similarity = new double?[candidates.Count];
        var sum = 0.0;
        var n = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Dense is not null && DenseSimilarity.Cosine(centroid, centroidInverse, candidates[i].Document, model) is { } cosine)
            {
                similarity[i] = cosine;
                sum += cosine;
                n++;
            }
        }

        if (n == 0)
        {
            return;
        }

        var mean = sum / n;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (similarity[i] is { } s)
            {
                candidates[i].Dense += weight * (s - mean);
            }
        }
    }

    /// <summary>Adds to each candidate outside the feedback <paramref name="weight"/> x the best fused score among the
    /// feedback memories that occurred at the same instant: memories written from one conversation turn (write-back gives
    /// them the turn's instant) or one write batch without an occurredAt, an episode. An instant shared by more than
    /// <paramref name="maxGroup"/> candidates (0: no bound) is a bulk import rather than an episode and is passed over.</summary>
    public static void BoostNeighbours(IReadOnlyList<RetrievalCandidate> candidates, IReadOnlyList<RetrievalCandidate> feedback, double weight, int maxGroup = 0)
    {
        var byInstant = new Dictionary<DateTimeOffset, (double Fused, int Group)>();
        foreach (var f in feedback)
        {
            var at = f.Document.Item.OccurredAt;
            if (at != default)
            {
                byInstant[at] = (Math.Max(byInstant.GetValueOrDefault(at).Fused, f.Fused), 0);
            }
        }

        if (byInstant.Count == 0)
        {
            return;
        }

        foreach (var candidate in candidates)
        {
            if (byInstant.TryGetValue(candidate.Document.Item.OccurredAt, out var known))
            {
                byInstant[candidate.Document.Item.OccurredAt] = (known.Fused, known.Group + 1);
            }
        }

        foreach (var candidate in candidates)
        {
            if (byInstant.TryGetValue(candidate.Document.Item.OccurredAt, out var episode) && (maxGroup <= 0 || episode.Group <= maxGroup) &&
                !feedback.Contains(candidate))
            {
                candidate.Fused += weight * episode.Fused;
            }
        }
    }

    private static float[]? Vector(IndexedMemory document, string model) =>
        document.Item.Embedding is { Length: > 0 } vector && document.InverseNorm > 0 &&
        string.Equals(document.Item.EmbeddingModel, model, StringComparison.Ordinal) ? vector : null;
}

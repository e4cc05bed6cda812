namespace Memory.Retrieval;

/// <summary>Combines the lexical and dense evidence of each candidate into one relevance score.</summary>
internal static class ScoreFusion
{
    /// <summary>Sets <see cref="RetrievalCandidate.Fused"/> on every candidate with the chosen method;
    /// <paramref name="attainableLexical"/> is the query's attainable BM25 score (<see cref="Bm25Index.AttainableScore"/>).</summary>
    public static void Apply(IReadOnlyList<RetrievalCandidate> candidates, RetrievalOptions options, double attainableLexical)
    {
        if (options.Fusion == FusionMethod.Rrf)
        {
            foreach (var candidate in candidates)
            {
                candidate.Fused = ReciprocalRank(candidate.LexicalRank, candidate.DenseRank, options.LexicalWeight, options.DenseWeight, options.RrfK);
            }

            return;
        }

        var maxLexical = 0.0;
        if (options.LexicalNormalization == LexicalNormalization.Attainable)
        {
            maxLexical = attainableLexical;
        }
        else
        {
            foreach (var candidate in candidates)
            {
                maxLexical = Math.Max(maxLexical, candidate.Lexical);
            }
        }

        var bestDense = 0.0;
        foreach (var candidate in candidates)
        {
            bestDense = Math.Max(bestDense, NormalizeDense(candidate.Dense));
        }

        foreach (var candidate in candidates)
        {
            var dense = NormalizeDense(candidate.Dense);
            var gate = options.LexicalAgreementExponent > 0 && bestDense > 0 ? Math.Pow(dense / bestDense, options.LexicalAgreementExponent) : 1;
            candidate.Fused = Weighted(NormalizeLexical(candidate.Lexical, maxLexical) * gate, dense, options.LexicalWeight, options.DenseWeight);
        }
    }

    /// <summary>Reciprocal rank fusion (Cormack et al., 2009) of two 1-based ranks; an absent rank adds nothing.</summary>
    public static double ReciprocalRank(int? lexicalRank, int? denseRank, double lexicalWeight, double denseWeight, int k)
    {
        var score = 0.0;
        if (lexicalRank is { } lr)
        {
            score += lexicalWeight / (k + lr);
        }

        if (denseRank is { } dr)
        {
            score += denseWeight / (k + dr);
        }

        return score;
    }

    /// <summary>Weighted sum of two scores already normalised to [0, 1].</summary>
    public static double Weighted(double lexical, double dense, double lexicalWeight, double denseWeight) =>
        (lexicalWeight * lexical) + (denseWeight * dense);

    /// <summary>BM25 is unbounded and query-dependent: scaled by a reference score (the query's attainable score, or the
    /// best candidate's) and clipped to [0, 1].</summary>
    public static double NormalizeLexical(double score, double maxScore) => maxScore > 0 ? Math.Clamp(score / maxScore, 0, 1) : 0;

    /// <summary>Cosine is already on a fixed scale: kept as is, negatives (and unknown) as 0. On the dev split this
    /// beat min-max scaling over the candidates, which stretches small differences and depends on who else is in
    /// the pool (docs/memory-retrieval.md).</summary>
    public static double NormalizeDense(double? cosine) => cosine is { } c && double.IsFinite(c) ? Math.Clamp(c, 0, 1) : 0;
}

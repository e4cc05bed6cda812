namespace Memory.Retrieval;

/// <summary>Combines the lexical and dense evidence of each candidate into one relevance score.</summary>
internal static class ScoreFusion
{
    /// <summary>Sets <see cref="RetrievalCandidate.Fused"/> on every candidate with the chosen method.</summary>
    public static void Apply(IReadOnlyList<RetrievalCandidate> candidates, RetrievalOptions options)
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
        var minDense = double.PositiveInfinity;
        var maxDense = double.NegativeInfinity;
        foreach (var candidate in candidates)
        {
            maxLexical = Math.Max(maxLexical, candidate.Lexical);
            if (candidate.Dense is { } dense)
            {
                minDense = Math.Min(minDense, dense);
                maxDense = Math.Max(maxDense, dense);
            }
        }

        foreach (var candidate in candidates)
        {
            var lexical = maxLexical > 0 ? candidate.Lexical / maxLexical : 0;
            var dense = candidate.Dense is { } d ? MinMax(d, minDense, maxDense) : 0;
            candidate.Fused = Weighted(lexical, dense, options.LexicalWeight, options.DenseWeight);
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

    /// <summary><paramref name="value"/> scaled so the candidates' minimum maps to 0 and maximum to 1 (all equal: 1).</summary>
    public static double MinMax(double value, double min, double max) =>
        max > min ? (value - min) / (max - min) : 1.0;
}

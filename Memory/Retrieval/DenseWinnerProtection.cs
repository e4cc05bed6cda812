namespace Memory.Retrieval;

/// <summary>The last fusion step: lexical evidence may reorder the candidates, but only strong lexical evidence may put
/// one above the memory the embedding finds most similar (the dense winner). A candidate overtakes the dense winner only
/// when its terms cover at least <see cref="RetrievalOptions.LexicalOverrideCoverage"/> of the query's attainable idf
/// mass (a rare name plus a topic word, not one generic word such as "food" or "dislike"); otherwise the dense winner is
/// lifted just above the best such weak candidate. Nothing else moves, so the rest of the ranking (where recall@10
/// lives) is the fused one. Runs after the confidence/freshness rerank, so that cannot overturn the winner either.</summary>
internal static class DenseWinnerProtection
{
    public static void Apply(IEnumerable<RetrievalCandidate> candidates, RetrievalOptions options)
    {
        if (!options.ProtectDenseWinner || options.DenseWeight <= 0 || options.LexicalWeight <= 0)
        {
            return;
        }

        RetrievalCandidate? winner = null;
        double? runnerUp = null;
        var list = candidates as IReadOnlyCollection<RetrievalCandidate> ?? candidates.ToList();
        foreach (var candidate in list)
        {
            if (candidate.Dense is not { } dense || !double.IsFinite(dense))
            {
                continue;
            }

            if (winner is null || dense > winner.Dense!.Value)
            {
                runnerUp = winner?.Dense;
                winner = candidate;
            }
            else if (runnerUp is null || dense > runnerUp.Value)
            {
                runnerUp = dense;
            }
        }

        if (winner is null || (runnerUp is { } second && winner.Dense!.Value - second < options.DenseWinnerMargin))
        {
            return; // no dense ranking, or no clear winner: the fused order stands
        }

        var weakBest = double.NegativeInfinity;
        foreach (var candidate in list)
        {
            if (!ReferenceEquals(candidate, winner) && candidate.LexicalCoverage < options.LexicalOverrideCoverage)
            {
                weakBest = Math.Max(weakBest, candidate.Score);
            }
        }

        if (weakBest >= winner.Score && double.IsFinite(weakBest))
        {
            winner.Score = Math.BitIncrement(weakBest);
        }
    }
}

namespace Memory.Retrieval.QueryForms;

/// <summary>Raises the cosine of the query's candidates whose text holds the answer type the question asks for
/// (<see cref="AnswerTypes"/>), by <see cref="RetrievalOptions.AnswerTypeBonus"/> times how much rarer than the
/// candidates' average that is, and lowers the others alike, so the candidates' mean cosine does not move (fusion
/// weights and thresholds keep their meaning); the dense list is then re-ranked. "When was I born?" then prefers "My
/// birthday is on the 3rd of May." to "My brother was born in Leeds.".</summary>
internal static class AnswerTypePrior
{
    /// <summary>Applies the prior to <paramref name="candidates"/> for <paramref name="query"/>; false when the question
    /// asks for no particular type, or every candidate or none holds it (nothing changes then).</summary>
    public static bool Apply(string query, IEnumerable<RetrievalCandidate> candidates, double bonus)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        if (bonus <= 0)
        {
            return false;
        }

        var type = AnswerTypes.Expected(query);
        if (type == AnswerType.None)
        {
            return false;
        }

        var scored = candidates.Where(c => c.Dense is not null).ToList();
        if (scored.Count == 0)
        {
            return false;
        }

        var holds = scored.Select(c => c.Document.Holds(type)).ToArray();
        var share = holds.Count(h => h) / (double)holds.Length;
        if (share is 0 or 1)
        {
            return false;
        }

        for (var i = 0; i < scored.Count; i++)
        {
            scored[i].Dense += bonus * ((holds[i] ? 1 : 0) - share);
        }

        RetrievalCandidate.RerankDense(scored);
        return true;
    }
}

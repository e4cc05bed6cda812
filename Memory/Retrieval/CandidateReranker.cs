using Memory.Model;

namespace Memory.Retrieval;

/// <summary>Gently rescales fused relevance by confidence, freshness and (for prompts) the calling context, so a
/// stated, recent fact edges out an inferred, stale one of similar relevance without overturning relevance.</summary>
internal static class CandidateReranker
{
    public static void Apply(IEnumerable<RetrievalCandidate> candidates, RetrievalOptions options, DateTimeOffset now, string? preferredContext)
    {
        foreach (var candidate in candidates)
        {
            candidate.Score = candidate.Fused * Factor(candidate.Document.Item, options, now, preferredContext);
        }
    }

    /// <summary>The multiplier for one memory: confidence and freshness factors in [1 - weight, 1], times the
    /// same-context boost.</summary>
    public static double Factor(MemoryItem item, RetrievalOptions options, DateTimeOffset now, string? preferredContext)
    {
        var confidence = Math.Clamp(item.Confidence, 0, 1);
        var confidenceFactor = 1 - options.ConfidenceWeight + (options.ConfidenceWeight * confidence);
        var occurred = item.OccurredAt != default ? item.OccurredAt : item.CreatedAt;
        var ageDays = occurred == default ? 0 : Math.Max(0, (now - occurred).TotalDays);
        var freshness = Math.Pow(0.5, ageDays / options.FreshnessHalfLifeDays);
        var freshnessFactor = 1 - options.FreshnessWeight + (options.FreshnessWeight * freshness);
        var contextFactor = preferredContext is not null && string.Equals(item.Context, preferredContext, StringComparison.Ordinal)
            ? 1 + options.SameContextBoost
            : 1;
        return confidenceFactor * freshnessFactor * contextFactor;
    }
}

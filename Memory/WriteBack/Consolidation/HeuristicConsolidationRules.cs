using Memory.Model;

namespace Memory.WriteBack;

/// <summary>Deterministic consolidation: near-identical → NOOP (already known from these messages) or UPDATE
/// (reinforce, union sources, newer phrasing); single-valued slots (where one lives or works, name, diet) →
/// SUPERSEDE unless a newer value is already known; like ↔ dislike of the same thing → SUPERSEDE;
/// multi-valued slots (likes, pets, languages) accumulate → ADD; retractions → DELETE the matching memories.</summary>
internal static class HeuristicConsolidationRules
{
    private const double TokenDuplicateSimilarity = 0.85;

    public static ConsolidationDecision Decide(ExtractedFact fact, IReadOnlyList<string> factSources, DateTimeOffset factTime,
        IReadOnlyList<Candidate> candidates, double nearDuplicateSimilarity)
    {
        if (fact.Action == FactAction.Retract)
        {
            var targets = candidates.Select(c => c.Memory).Where(m => RetractionMatches(fact, m)).ToList();
            return targets.Count > 0 ? new ConsolidationDecision(MemoryEvent.Delete, targets) : ConsolidationDecision.Noop;
        }

        var duplicate = candidates
            .Where(c => IsSameFact(fact, c, nearDuplicateSimilarity))
            .OrderByDescending(c => c.Similarity)
            .FirstOrDefault();
        if (duplicate is not null)
        {
            var existing = duplicate.Memory;
            if (SourceRefs.Covers(existing.Sources, factSources))
            {
                return new ConsolidationDecision(MemoryEvent.Noop, [existing]);
            }

            var text = factTime >= existing.OccurredAt ? fact.Text : existing.Text;
            return new ConsolidationDecision(MemoryEvent.Update, [existing], text);
        }

        if (FactSlots.IsSingleValued(fact.Slot))
        {
            var conflicts = candidates.Select(c => c.Memory).Where(m => MemoryFacts.Read(m).Slot == fact.Slot).ToList();
            if (conflicts.Count > 0)
            {
                // Time-aware: a fact older than what is already known never wins.
                return conflicts.Exists(m => m.OccurredAt > factTime)
                    ? ConsolidationDecision.Noop
                    : new ConsolidationDecision(MemoryEvent.Supersede, conflicts);
            }
        }

        if (FactSlots.Opposite(fact.Slot) is { } opposite && fact.Subject is not null)
        {
            var contradicted = candidates.Select(c => c.Memory)
                .Where(m => MemoryFacts.Read(m) is var (slot, subject) && slot == opposite && subject == fact.Subject)
                .ToList();
            if (contradicted.Count > 0)
            {
                return contradicted.Exists(m => m.OccurredAt > factTime)
                    ? ConsolidationDecision.Noop
                    : new ConsolidationDecision(MemoryEvent.Supersede, contradicted);
            }
        }

        return ConsolidationDecision.Add;
    }

    public static bool RetractionMatches(ExtractedFact fact, MemoryItem memory)
    {
        var (slot, _) = MemoryFacts.Read(memory);
        if (fact.Slot == WriteBackSlots.Any)
        {
            return fact.Subject is not null && MemoryFacts.IsAbout(memory, fact.Subject);
        }

        if (slot != fact.Slot && !(slot is null && fact.Subject is not null))
        {
            return false;
        }

        return fact.Subject is null ? slot == fact.Slot : MemoryFacts.IsAbout(memory, fact.Subject);
    }

    public static bool IsSameFact(ExtractedFact fact, Candidate candidate, double nearDuplicateSimilarity)
    {
        var memory = candidate.Memory;
        if (string.Equals(TextNormalizer.SubjectKey(memory.Text), TextNormalizer.SubjectKey(fact.Text), StringComparison.Ordinal))
        {
            return true;
        }

        var (slot, subject) = MemoryFacts.Read(memory);
        if (slot is not null && slot != fact.Slot)
        {
            return false;
        }

        if (slot == fact.Slot && fact.Subject is not null && subject is not null)
        {
            return subject == fact.Subject;
        }

        if (FactSlots.IsSingleValued(fact.Slot) && slot == fact.Slot)
        {
            // Same single-valued slot, unknown subjects: only an almost verbatim restatement is the same fact.
            return TextNormalizer.TokenSimilarity(memory.Text, fact.Text) >= TokenDuplicateSimilarity;
        }

        return candidate.Similarity >= nearDuplicateSimilarity ||
               TextNormalizer.TokenSimilarity(memory.Text, fact.Text) >= TokenDuplicateSimilarity;
    }
}

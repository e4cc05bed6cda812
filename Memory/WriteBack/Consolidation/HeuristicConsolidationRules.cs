using Memory.Dedup;
using Memory.Model;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Consolidation;

/// <summary>Deterministic consolidation under the shared <see cref="DedupRule"/>: a fact that adds nothing to a
/// similar memory → NOOP (already known from these messages) or UPDATE (reinforce, union sources, newer phrasing);
/// a fact that keeps every detail of a memory and adds more → UPDATE to its wording; the same slot with a new value
/// (or the same statement negated) → SUPERSEDE; single-valued slots known from extraction (where one lives or
/// works, name, diet) → SUPERSEDE; like ↔ dislike of the same thing → SUPERSEDE; all three time-aware (a fact
/// older than what is known never wins). A similar memory that differs in a number, date, time, unit, name or
/// negation is another fact → ADD. Retractions → DELETE the matching memories.</summary>
internal static partial class HeuristicConsolidationRules
{
    private const double TokenDuplicateSimilarity = 0.85;

    public static ConsolidationDecision Decide(ExtractedFact fact, IReadOnlyList<string> factSources, DateTimeOffset factTime,
        IReadOnlyList<Candidate> candidates, double nearDuplicateSimilarity)
    {
        if (fact.Action == FactAction.Retract)
        {
            var targets = candidates.Select(c => c.Memory).Where(m => RetractionMatches(fact, m)).ToList();
            return targets.Count > 0 ? new ConsolidationDecision(MemoryEvent.Delete, targets, Reason: HistoryReasons.Retracted) : ConsolidationDecision.Noop;
        }

        var (match, decision, distinct) = BestMatch(fact, candidates, nearDuplicateSimilarity);
        if (match is not null)
        {
            var existing = match.Memory;
            switch (decision!.Verdict)
            {
                case DedupVerdict.Duplicate when SourceRefs.Covers(existing.Sources, factSources):
                    return new ConsolidationDecision(MemoryEvent.Noop, [existing]);
                case DedupVerdict.Duplicate:
                    // A paraphrase with the same details may bring newer wording; a less detailed one never replaces it.
                    var text = decision.Differences == DetailKinds.None && factTime >= existing.OccurredAt ? fact.Text : existing.Text;
                    return new ConsolidationDecision(MemoryEvent.Update, [existing], text, decision.Reason);
                case DedupVerdict.Refinement:
                    return new ConsolidationDecision(MemoryEvent.Update, [existing], fact.Text, decision.Reason);
                default:
                    return existing.OccurredAt > factTime
                        ? ConsolidationDecision.History([existing], decision.Reason)
                        : new ConsolidationDecision(MemoryEvent.Supersede, [existing], Reason: decision.Reason);
            }
        }

        if (FactSlots.IsSingleValued(fact.Slot) && !fact.Additional)
        {
            var conflicts = candidates.Select(c => c.Memory).Where(m => HoldsSlotValue(fact, m)).ToList();
            if (conflicts.Count > 0)
            {
                // Time-aware: a fact older than what is already known never wins; it becomes that memory's past.
                return conflicts.Exists(m => m.OccurredAt > factTime)
                    ? ConsolidationDecision.History([.. conflicts.Where(m => m.OccurredAt > factTime)], HistoryReasons.SlotReplaced)
                    : new ConsolidationDecision(MemoryEvent.Supersede, conflicts, Reason: HistoryReasons.SlotReplaced);
            }
        }

        if (DietRules.SaysEats(fact.Text))
        {
            // "I started eating fish again" ends "The user is vegetarian".
            var ended = candidates.Select(c => c.Memory).Where(m => EndsDiet(fact, m)).ToList();
            if (ended.Count > 0)
            {
                return ended.Exists(m => m.OccurredAt > factTime)
                    ? ConsolidationDecision.History([.. ended.Where(m => m.OccurredAt > factTime)], HistoryReasons.Contradicted)
                    : new ConsolidationDecision(MemoryEvent.Supersede, ended, Reason: HistoryReasons.Contradicted);
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
                    ? ConsolidationDecision.History([.. contradicted.Where(m => m.OccurredAt > factTime)], HistoryReasons.Contradicted)
                    : new ConsolidationDecision(MemoryEvent.Supersede, contradicted, Reason: HistoryReasons.Contradicted);
            }
        }

        return distinct is null ? ConsolidationDecision.Add : ConsolidationDecision.Add with { Reason = distinct.Reason };
    }

    /// <summary>The candidate the rule relates the fact to (a duplicate before a refinement before a slot change,
    /// then the more similar), or null with the decision for the most similar distinct one.</summary>
    private static (Candidate? Match, DedupDecision? Decision, DedupDecision? Distinct) BestMatch(ExtractedFact fact,
        IReadOnlyList<Candidate> candidates, double nearDuplicateSimilarity)
    {
        Candidate? best = null;
        DedupDecision? bestDecision = null;
        DedupDecision? distinct = null;
        foreach (var candidate in candidates.OrderByDescending(c => c.Similarity))
        {
            var similar = IsSameFact(fact, candidate, nearDuplicateSimilarity);
            var decision = DedupRule.Compare(MemoryFacts.Statement(candidate.Memory), fact.Text, similar, fact.Now);
            if (decision.Verdict == DedupVerdict.SlotChange && fact.Additional && !decision.Differences.HasFlag(DetailKinds.Negation))
            {
                // "I work at Amazon on Fridays" after "... at Google": said to come in addition, another value beside the
                // first, never in its place (the extracted text keeps no days to tell them apart).
                decision = new DedupDecision(DedupVerdict.Distinct, decision.Differences, HistoryReasons.With(HistoryReasons.Distinct, decision.Differences));
            }

            if (decision.Verdict == DedupVerdict.Distinct)
            {
                distinct ??= similar ? decision : null;
                continue;
            }

            if (best is null || decision.Verdict < bestDecision!.Verdict)
            {
                best = candidate;
                bestDecision = decision;
            }
        }

        return (best, bestDecision, distinct);
    }

    /// <summary>Whether <paramref name="memory"/> holds the value of the fact's single-valued slot that the fact
    /// replaces (a diet holds one value of each kind: <see cref="DietRules"/>).</summary>
    public static bool HoldsSlotValue(ExtractedFact fact, MemoryItem memory) =>
        FactSlots.IsSingleValued(fact.Slot) && MemoryFacts.Read(memory).Slot == fact.Slot &&
        (fact.Slot != FactSlots.Diet || DietRules.Replaces(memory.Text, fact.Text)) &&
        // "The user lives in the suburbs" leaves "The user lives in Leeds" current: a place with no name may lie within it.
        !DedupRule.NamesNoOtherPlace(memory.Text, fact.Text);

    /// <summary>Whether the fact says the user eats what the diet in <paramref name="memory"/> excludes.</summary>
    public static bool EndsDiet(ExtractedFact fact, MemoryItem memory) =>
        fact.Action == FactAction.Assert && MemoryFacts.Read(memory).Slot == FactSlots.Diet && DietRules.Contradicts(memory.Text, fact.Text);

    public static bool RetractionMatches(ExtractedFact fact, MemoryItem memory)
    {
        var (slot, _) = MemoryFacts.Read(memory);
        if (fact.Slot == WriteBackSlots.Any)
        {
            return fact.Subject is not null && MemoryFacts.IsAbout(memory, fact.Subject);
        }

        // "I no longer play tennis" takes back "The user plays tennis every Sunday": the memory says what the
        // retraction names, and only adds detail after it.
        if (StatesMore(memory.Text, fact.Text))
        {
            return true;
        }

        if (slot != fact.Slot && !(slot is null && fact.Subject is not null))
        {
            return false;
        }

        // Without a subject a retraction names the whole slot, which is one memory only for a single-valued slot
        // ("forget where I live"); for a slot of many ("allergy", "like") it must name which one.
        return fact.Subject is null ? slot == fact.Slot && FactSlots.IsSingleValued(fact.Slot) : MemoryFacts.IsAbout(memory, fact.Subject);
    }

    /// <summary>Whether a new fact may end <paramref name="memory"/>: the same single-valued slot (where one lives,
    /// works...), the opposite preference about the same subject, or what the de-duplication rule reads as the same
    /// slot with a new value or the same statement negated. Anything else is another fact, which no fact ends.</summary>
    public static bool MaySupersede(ExtractedFact fact, MemoryItem memory)
    {
        var (slot, subject) = MemoryFacts.Read(memory);
        return HoldsSlotValue(fact, memory) || EndsDiet(fact, memory) ||
               (FactSlots.Opposite(fact.Slot) is { } opposite && slot == opposite && fact.Subject is not null && subject == fact.Subject) ||
               DedupRule.Compare(memory.Text, fact.Text, similar: true).Verdict == DedupVerdict.SlotChange;
    }

    /// <summary>Whether <paramref name="memoryText"/> begins with everything <paramref name="retracted"/> says (two
    /// words or more after "The user") and only adds to it: "plays tennis every Sunday" over "plays tennis".</summary>
    private static bool StatesMore(string memoryText, string retracted)
    {
        var said = TextNormalizer.SubjectKey(retracted);
        var held = TextNormalizer.SubjectKey(memoryText);
        var named = said.StartsWith("user ", StringComparison.Ordinal) ? said[5..] : said;
        if (!named.Contains(' ', StringComparison.Ordinal) || held.Length <= said.Length || !held.StartsWith(said + " ", StringComparison.Ordinal))
        {
            return false;
        }

        // Only when, how often or with whom: "plays tennis every sunday" is "plays tennis"; "student advisor at mit",
        // "dog walker named joe" and "cat and a dog" are other things.
        var rest = held[(said.Length + 1)..];
        return !$" {rest} ".Contains(" and ", StringComparison.Ordinal) && Adverbial().IsMatch(rest);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:every|each|on|at\s+(?:weekends?|night|the\s+weekend)|in\s+the\s+(?:morning|evening|afternoon|summer|winter)|with|twice|once|three\s+times|daily|weekly|monthly|most|sometimes|often|regularly|since|for|during|after|before|most|a\s+lot|almost)\b",
        System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex Adverbial();

    /// <summary>Whether the fact and the memory say the same thing by slot, subject and similarity; the
    /// <see cref="DedupRule"/> then checks that no number, date, time, unit, name or negation tells them apart.</summary>
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

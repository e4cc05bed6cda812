using Memory.Text;

namespace Memory.Dedup;

/// <summary>The one de-duplication rule every write path uses (direct writes, observations and chat write-back,
/// the guard around the LLM's consolidation decisions, compression): a new fact is a NOOP only when it adds
/// nothing; a new value in the same slot, or the same statement negated, is an update with history; anything else
/// that differs in a number, date, time, unit, proper name or negation is a new fact.
/// <para><paramref name="similar"/> says whether the caller already judged the two texts to state the same thing
/// (cosine or token similarity, or the LLM's word): without it only exact text, slot and negation matches count.</para></summary>
internal static class DedupRule
{
    /// <summary>The words that mark a change, as content words are compared (stemmed).</summary>
    private static readonly HashSet<string> MarkerStems = DedupLexicon.ChangeMarkers.Select(PorterStemmer.Stem).ToHashSet(StringComparer.Ordinal);

    /// <param name="changeMarked">The incoming fact was said to hold now ("I live in Berlin now") though its text no
    /// longer says so (heuristic extraction keeps the value, not the word): read as if it did.</param>
    public static DedupDecision Compare(string existing, string incoming, bool similar, bool changeMarked = false)
    {
        var decision = Decide(existing, incoming, similar, changeMarked);
        if (decision.Verdict != DedupVerdict.Distinct)
        {
            return decision;
        }

        // "Anna, my sister, is a nurse" / "My sister Anna is a nurse", "My sister lives with me" / "I live with my sister":
        // the same fact said the other way round is judged in one wording; every detail still counts.
        // "My dog Rex weighs 20 kg" / "Rex weighs 23 kg now": a name alone is the one said with who they are.
        var (a, b) = Restatement.Aligned(FactText.Of(existing).Restated, FactText.Of(incoming).Restated);
        if (ReferenceEquals(a, existing) && ReferenceEquals(b, incoming))
        {
            return decision;
        }

        // Only a pure restatement (one normalised text) is a duplicate; a new value or more detail counts only in the
        // same slot ("Anna, my sister, lives in Leeds" / "My sister Anna lives in York now"). Anything else the rewritten
        // texts might share ("My sister lives with me" / "My sister lived with me") stays as the texts as written say.
        var (restatedOld, restatedNew) = (FactText.Of(a), FactText.Of(b));
        if (string.Equals(restatedOld.NormalKey, restatedNew.NormalKey, StringComparison.Ordinal))
        {
            return new DedupDecision(DedupVerdict.Duplicate, DetailKinds.None, HistoryReasons.Reinforced);
        }

        var restated = Decide(a, b, similar, changeMarked);
        return restated.Verdict is DedupVerdict.SlotChange or DedupVerdict.Refinement &&
               restatedOld.Slot is { } x && restatedNew.Slot is { } y && string.Equals(x.Head, y.Head, StringComparison.Ordinal)
            ? restated
            : decision;
    }

    /// <summary>"I work at Google on Mondays" / "I work at Amazon on Fridays": where the user works, said of other days,
    /// may be two places of work, each on its day; not one replacing the other.</summary>
    private static bool OnOtherDays(FactText old, FactText neu, DetailKinds differences)
    {
        var head = old.Slot!.Head;
        var work = head.EndsWith("employer", StringComparison.Ordinal) || head.EndsWith("workplace", StringComparison.Ordinal);
        return work && differences.HasFlag(DetailKinds.Date) && HasDate(old.Slot.Kind) && HasDate(neu.Slot!.Kind);

        static bool HasDate(string kind) => kind.Split(' ').Any(p => p.StartsWith('#') && p.TrimStart('#').Split('+').Contains("d"));
    }

    private static DedupDecision Decide(string existing, string incoming, bool similar, bool changeMarked)
    {
        var old = FactText.Of(existing);
        var neu = FactText.Of(incoming);
        var marked = neu.ChangeMarked || changeMarked;
        if (string.Equals(old.Key, neu.Key, StringComparison.Ordinal) || string.Equals(old.NormalKey, neu.NormalKey, StringComparison.Ordinal))
        {
            return new DedupDecision(DedupVerdict.Duplicate, DetailKinds.None, HistoryReasons.Reinforced);
        }

        if (old.PastState != neu.PastState && string.Equals(old.PolarityFreeKey, neu.PolarityFreeKey, StringComparison.Ordinal))
        {
            // "I have a dog" → "I had a dog": the same statement, now said of the past (or of the present again), so
            // the stale one must not stay current. Recorded as a negation: "no longer so".
            return new DedupDecision(DedupVerdict.SlotChange, DetailKinds.Negation, HistoryReasons.Negated);
        }

        // One statement in other words ("Blue is my favourite colour", "I enjoy hiking", "I'm a nurse" / "I work as a
        // nurse") is alike whatever the caller's cosine made of it; the rest of the rule still checks every detail.
        similar = similar || old.Paraphrase.Matches(neu.Paraphrase);

        var sameSlot = old.Slot is { } a && neu.Slot is { } b && string.Equals(a.Head, b.Head, StringComparison.Ordinal);
        var sameShape = sameSlot && old.Slot!.SameTemplate(neu.Slot!);

        // Two values of one slot in one shape: a bare number against a time of day is that hour ("bedtime is 7pm" /
        // "... is 7"); elsewhere only a number said as an hour is ("at 9" / "at 9am", not "5 cats" / "at 5pm").
        var differences = old.Signature.DifferencesFrom(neu.Signature, slotHours: sameShape);
        var singleValued = sameSlot && old.Slot!.SingleValued;

        // Someone said to be somewhere else now ("My brother is in Leeds" / "... in the city centre now"): where they
        // are holds one place, whatever words name it; "is in a band" is no place.
        // A place with no name is no new value of a named one: "My sister lives in Leeds" / "... in the suburbs now" may
        // both be true (the suburbs of Leeds); "... in York now" names another place.
        var moved = sameSlot && marked && old.Slot!.Place && neu.Slot!.Place && !neu.Slot.Vaguer(old.Slot);
        var newValue = singleValued || (sameSlot && marked && (!old.Slot!.Predicative || moved) && !neu.Slot!.Vaguer(old.Slot));
        if (differences == DetailKinds.None)
        {
            if (!similar)
            {
                return newValue ? NewValue(old, neu, differences, moved) : Distinct(differences);
            }

            // Alike to the caller, but turned round ("before" / "after"), reordered where order counts ("tea over
            // coffee"), or changed where a sentence model cannot see it (a long text, an unspaced script).
            var reworded = Reworded(old, neu);
            if (reworded != DetailKinds.None)
            {
                return sameSlot
                    ? new DedupDecision(DedupVerdict.SlotChange, reworded, HistoryReasons.With(HistoryReasons.ValueChanged, reworded))
                    : Distinct(reworded);
            }

            // "My phone number is [PHONE]" / "My work phone number is [PHONE]": one thing narrowed by a word the other
            // text does not say is another attribute, with a value of its own.
            if (Narrowed(old, neu))
            {
                return Distinct(DetailKinds.Wording);
            }

            // Same details, but the same slot holds another value ("my favourite colour is blue" → "… green"); what
            // describes someone ("Caroline is ...") holds many, so another description is another fact.
            if (sameSlot && !string.Equals(old.Slot!.Value, neu.Slot!.Value, StringComparison.Ordinal))
            {
                return !old.Slot.Predicative ? new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.ValueChanged)
                    : neu.Subsumes(old) ? Refined(differences)
                    : old.Subsumes(neu) ? Covered(differences)
                    : moved ? new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.ValueChanged)
                    : Distinct(differences);
            }

            // "I'm a junior developer" → "I'm a senior developer now": the same details, but said to hold now in words of
            // its own, in place of words of the stored text's own: its new value, never absorbed.
            if (marked && !old.ChangeMarked && WordsOfItsOwn(neu, old) && WordsOfItsOwn(old, neu))
            {
                return new DedupDecision(DedupVerdict.SlotChange, DetailKinds.Wording, HistoryReasons.With(HistoryReasons.ValueChanged, DetailKinds.Wording));
            }

            return new DedupDecision(DedupVerdict.Duplicate, differences, HistoryReasons.Reinforced);
        }

        if (sameShape)
        {
            // The same slot: more detail refines it, less adds nothing, other details are its new value, unless the
            // value is one of many ("friends with Melanie" / "... with Jon": only a negation ends one).
            return neu.Subsumes(old, slotHours: true) ? Refined(differences)
                : old.Subsumes(neu, slotHours: true) ? Covered(differences)
                : old.Slot!.ManyValued && neu.Slot!.ManyValued && !old.Slot.SingleValued ? Distinct(differences)
                : !marked && OnOtherDays(old, neu, differences) ? Distinct(differences)
                : new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.With(HistoryReasons.ValueChanged, differences));
        }

        if (differences == DetailKinds.Negation && string.Equals(old.PolarityFreeKey, neu.PolarityFreeKey, StringComparison.Ordinal))
        {
            return new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.Negated);
        }

        if (differences.HasFlag(DetailKinds.Negation) && (old.Negates(neu) || neu.Negates(old)))
        {
            // "I drink coffee every morning" → "I no longer drink coffee": the broader "no" ends the statement.
            return new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.Negated);
        }

        if (marked && Restated(old, neu, differences))
        {
            // "I go to the gym on Mondays" → "I go to the gym on Tuesdays now": the same statement, said to hold now
            // with another date, time or number, is its new value.
            return new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.With(HistoryReasons.ValueChanged, differences));
        }

        if (differences == DetailKinds.Number && OneQuantity(old, neu))
        {
            // "I've been married for 10 years" → "... for 12 years", "I sleep 7 hours a night" → "... 6 hours a night": how
            // long a state has held, or how much of something per period, has one value at a time.
            return new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.With(HistoryReasons.ValueChanged, differences));
        }

        if (newValue)
        {
            // A slot of one value, or any slot said to hold a value "now" ("I work as a lawyer now").
            return NewValue(old, neu, differences, moved);
        }

        if (sameSlot && neu.Subsumes(old))
        {
            // The same slot, every detail and word kept and more said, though in another shape ("My mother was born in
            // 1960" / "... on 3 March 1960"): a refinement, whoever judged the texts alike.
            return Refined(differences);
        }

        if (!similar)
        {
            return Distinct(differences);
        }

        // Similar texts: the incoming one may add details to the stored one (every detail and word kept), or drop
        // some (it says nothing new); a detail replaced by another, or by a different word, is another fact. A detail
        // that narrows the thing the value belongs to ("my favourite Italian food" after "my favourite food") is another
        // attribute, not a fuller wording of it.
        return Narrowed(old, neu) ? Distinct(differences)
            : neu.Subsumes(old) ? Refined(differences)
            : old.Subsumes(neu) ? Covered(differences)
            : Distinct(differences);
    }

    /// <summary>True when both texts say where someone lives or is, and <paramref name="incoming"/> names no place
    /// where <paramref name="existing"/> did ("lives in Leeds" / "lives in the suburbs"): the vaguer place may lie within
    /// the named one, so it replaces nothing.</summary>
    public static bool NamesNoOtherPlace(string existing, string incoming)
    {
        var (old, neu) = (FactText.Of(existing), FactText.Of(incoming));
        return (neu.Slot is { } b && old.Slot is { } a && b.Vaguer(a)) || neu.NamesNoPlaceAfterIn(old);
    }

    /// <summary>True when <paramref name="text"/> keeps every detail of <paramref name="fact"/> (used to check a
    /// merged or summarised text before it replaces the facts it was made from).</summary>
    public static bool Keeps(string text, string fact) => FactText.Of(text).Signature.Covers(FactText.Of(fact).Signature);

    /// <summary>True when <paramref name="summary"/> can stand for all of <paramref name="facts"/>: it keeps every
    /// detail and every content word of each, and says nothing they do not (no content word, name or detail of its
    /// own), so a summary neither drops "jazz" from "likes jazz piano music" nor adds an allergy nobody mentioned.</summary>
    public static bool Summarizes(string summary, IReadOnlyList<string> facts)
    {
        var whole = FactText.Of(summary);
        var parts = facts.Select(FactText.Of).ToList();
        if (!parts.TrueForAll(p => whole.Signature.Covers(p.Signature) && p.ContentWords.IsSubsetOf(whole.ContentWords) && !whole.Reverses(p)))
        {
            return false;
        }

        var said = parts.SelectMany(p => p.Sequence).ToHashSet(StringComparer.Ordinal);
        return whole.Sequence.All(said.Contains);
    }

    /// <summary>True when the two texts state the same fact with the same details either way round, so either
    /// may stand for both (what compression may fold).</summary>
    public static bool Interchangeable(string a, string b) =>
        Compare(a, b, similar: true) is { Verdict: DedupVerdict.Duplicate, Differences: DetailKinds.None };

    /// <summary>True when the two slots' subjects name one kind of thing (the same last word: "number", "email",
    /// "sister") and one narrows it with a word the other text does not hold ("my work phone number" / "my phone number",
    /// "my older sister" / "my sister"): two attributes, or two people, each with a value of its own.</summary>
    private static bool Narrowed(FactText old, FactText neu)
    {
        if (old.Slot is not { } a || neu.Slot is not { } b)
        {
            return false;
        }

        var left = a.SubjectWords;
        var right = b.SubjectWords;
        return left.Count > 0 && right.Count > 0 && string.Equals(left[^1], right[^1], StringComparison.Ordinal) &&
               (left.Except(right, StringComparer.Ordinal).Any(w => Narrows(w, neu)) || right.Except(left, StringComparer.Ordinal).Any(w => Narrows(w, old)));

        static bool Narrows(string word, FactText other) =>
            !EnglishStopWords.Contains(word) && !SlotShape.IsFiller(word) && !DedupLexicon.VagueHeads.Contains(word) &&
            !other.ContentWords.Contains(PorterStemmer.Stem(word)) && !other.Holds(word);
    }

    private static DetailKinds Reworded(FactText old, FactText neu) =>
        old.Reverses(neu) ? DetailKinds.Relation
        : old.Reorders(neu) || old.Recounts(neu) ? DetailKinds.Order
        : (old.Opaque || neu.Opaque) && !neu.ContentWords.IsSubsetOf(old.ContentWords) ? DetailKinds.Wording
        : DetailKinds.None;

    /// <summary>A slot that holds one value (<see cref="SlotShape.SingleValued"/>), given another value in whatever
    /// words: more detail refines it, less adds nothing, anything else is its new value.</summary>
    private static DedupDecision NewValue(FactText old, FactText neu, DetailKinds differences, bool moved) =>
        string.Equals(old.Slot!.Value, neu.Slot!.Value, StringComparison.Ordinal) && differences == DetailKinds.None
            ? Covered(differences)
            : neu.Subsumes(old) ? Refined(differences)
            : old.Subsumes(neu) ? Covered(differences)
            : old.Slot.SameKind(neu.Slot!) || moved
                ? new DedupDecision(DedupVerdict.SlotChange, differences, HistoryReasons.With(HistoryReasons.ValueChanged, differences))
                // Another kind of value ("a shared flat" after "London", prose after a date): said beside it, not instead.
                : Distinct(differences);

    /// <summary>True when <paramref name="neu"/> says what <paramref name="old"/> said, word for word but for a changed
    /// date, time, number or unit and the words that mark the change.</summary>
    private static bool Restated(FactText old, FactText neu, DetailKinds differences) =>
        differences != DetailKinds.None &&
        (differences & ~(DetailKinds.Date | DetailKinds.Time | DetailKinds.Number | DetailKinds.Unit)) == DetailKinds.None &&
        old.ContentWords.Where(w => !MarkerStems.Contains(w)).ToHashSet(StringComparer.Ordinal)
            .SetEquals(neu.ContentWords.Where(w => !MarkerStems.Contains(w)));

    /// <summary>Whether <paramref name="text"/> holds a content word <paramref name="other"/> does not, besides the words
    /// that mark a change or only say the value is new.</summary>
    private static bool WordsOfItsOwn(FactText text, FactText other) =>
        text.ContentWords.Any(w => !other.ContentWords.Contains(w) && !MarkerStems.Contains(w) && !SlotShape.IsFiller(w) &&
                                   !DedupLexicon.Intensifiers.Contains(w) && !DedupLexicon.VagueHeads.Contains(w));

    /// <summary>Both texts say one quantity of one statement: how long it has held (<see cref="FactText.LastingFreeKey"/>),
    /// how much per period (<see cref="FactText.Rate"/>), how many so far (<see cref="FactText.PerfectCount"/>) or how old
    /// (<see cref="FactText.Aged"/>): the same words in the same order but the numbers and a change marker ("twice" is "2
    /// times"), and no number moved to count another thing.</summary>
    private static bool OneQuantity(FactText old, FactText neu) =>
        (old.LastingFreeKey is { } lasting && string.Equals(lasting, neu.LastingFreeKey, StringComparison.Ordinal)) ||
        (((old.Rate && neu.Rate) || (old.PerfectCount && neu.PerfectCount) || (old.Aged && neu.Aged)) &&
         string.Equals(old.NumberFreeKey, neu.NumberFreeKey, StringComparison.Ordinal) && !old.Recounts(neu));

    private static DedupDecision Refined(DetailKinds differences) =>
        new(DedupVerdict.Refinement, differences, HistoryReasons.With(HistoryReasons.Refined, differences));

    private static DedupDecision Covered(DetailKinds differences) =>
        new(DedupVerdict.Duplicate, differences, HistoryReasons.Reinforced);

    private static DedupDecision Distinct(DetailKinds differences) =>
        new(DedupVerdict.Distinct, differences, HistoryReasons.With(HistoryReasons.Distinct, differences));
}

namespace Memory.WriteBack.Extraction;

/// <summary>Words a careful model uses for what the user said in other words: "I don't eat meat" is a vegetarian, "my
/// wife" a married user, "I have two kids" a parent. A fact's word listed here is grounded when the user's words hold
/// one of its cues the way the cue must be said: denied ("don't eat meat", "stopped eating meat"), lacked ("no job"),
/// affirmed ("meatless"), or as the user's own people ("my wife", "our kids", "I have two kids", not "my brother's
/// wife"). The list is short on purpose: each entry is a paraphrase models make often, about diet, drink, family or
/// work, where losing the fact loses something the user would expect to be remembered.</summary>
internal static class ImpliedTerms
{
    private enum Said
    {
        /// <summary>Said plainly, not denied.</summary>
        Affirmed,

        /// <summary>Denied or given up: a negation shortly before it, or a stop in the same clause.</summary>
        Denied,

        /// <summary>The user's own: "my"/"our" (a number may come between) or "have"/"got" shortly before it.</summary>
        Own,

        /// <summary>Not had: "no job", "without a job", "don't have a job" ("not happy with my job" is no lack).</summary>
        Lacked,
    }

    private static readonly Dictionary<string, (string Cue, Said How)[]> ByTerm = Build(
    [
        (["vegetarian", "veggie"], [("meat", Said.Denied), ("meats", Said.Denied), ("meatless", Said.Affirmed)]),
        (["vegan"], [("animal", Said.Denied)]),
        (["pescatarian", "pescetarian"], [("meat", Said.Denied)]),
        (["teetotal", "teetotaler", "teetotaller", "sober", "nondrinker"], [("drink", Said.Denied), ("drinking", Said.Denied), ("alcohol", Said.Denied), ("booze", Said.Denied)]),
        (["married"], [("wife", Said.Own), ("husband", Said.Own), ("spouse", Said.Own)]),
        (["parent"], [("kid", Said.Own), ("kids", Said.Own), ("child", Said.Own), ("children", Said.Own), ("son", Said.Own), ("sons", Said.Own), ("daughter", Said.Own), ("daughters", Said.Own), ("baby", Said.Own), ("toddler", Said.Own)]),
        (["unemployed", "jobless"], [("job", Said.Lacked), ("laid", Said.Affirmed), ("redundant", Said.Affirmed)]),
    ]);

    /// <summary>Words that give something up without a negation, up to three words before it ("I stopped eating meat",
    /// "I quit drinking", "I gave up meat", "I avoid alcohol"; not "I can't stop eating meat").</summary>
    private static readonly HashSet<string> Stops = new(StringComparer.Ordinal)
    {
        "stopped", "quit", "gave", "avoid", "avoids", "quitting",
    };

    /// <summary>What "drink" may be followed by and still mean alcohol ("I don't drink", "I don't drink at all", "I
    /// haven't had a drink in years"; not "I don't drink coffee").</summary>
    private static readonly HashSet<string> DrinkFollowers = new(StringComparer.Ordinal)
    {
        "alcohol", "booze", "beer", "wine", "spirits", "at", "anymore", "in", "for", "since", "ever", "socially", "much",
    };

    /// <summary>Words that make "have kids" someone else's or not real: a teacher's class, a condition.</summary>
    private static readonly HashSet<string> NotOwnWords = new(StringComparer.Ordinal)
    {
        "if", "class", "classes", "students", "pupils", "classroom", "when", "someday", "want", "wants", "hope",
    };

    private static readonly HashSet<string> OwnWords = new(StringComparer.Ordinal) { "my", "our" };

    private static readonly HashSet<string> HaveWords = new(StringComparer.Ordinal) { "have", "got", "having", "raising", "ive", "weve" };

    private static readonly HashSet<string> FirstPerson = new(StringComparer.Ordinal) { "i", "we", "ive", "weve", "im", "were" };

    /// <summary>True when <paramref name="term"/> (a fact's term, <see cref="FactGrounding.Term"/>) is one this list
    /// knows and one of its cues is said in <paramref name="user"/> as it must be.</summary>
    public static bool Grounds(string term, GroundingEvidence user)
    {
        if (!ByTerm.TryGetValue(term, out var cues))
        {
            return false;
        }

        foreach (var clause in user.Clauses)
        {
            var words = clause.WordsInOrder;
            for (var i = 0; i < words.Count; i++)
            {
                foreach (var (cue, how) in cues)
                {
                    if (words[i] == cue && SaidAs(how, clause, words, i))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private static bool SaidAs(Said how, GroundingEvidence clause, IReadOnlyList<string> words, int at)
    {
        if (words[at] is "drink" or "drinking" && at + 1 < words.Count && !DrinkFollowers.Contains(words[at + 1]) && words[at + 1] is not ("a" or "any"))
        {
            return false; // "I don't drink coffee"
        }

        var negated = clause.NegatesBefore([FactGrounding.Term(words[at])]);
        return how switch
        {
            Said.Denied => negated || StopBefore(words, at),
            Said.Own => IsOwn(words, at) && !negated && !clause.Words.Overlaps(NotOwnWords),
            Said.Lacked => IsLacked(words, at),
            _ => !negated,
        };
    }

    private static bool StopBefore(IReadOnlyList<string> words, int at)
    {
        for (var i = at - 1; i >= Math.Max(0, at - 3); i--)
        {
            if (Stops.Contains(words[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"no job", "without a job", "don't have a job", "haven't got a job", "lost my job".</summary>
    private static bool IsLacked(IReadOnlyList<string> words, int at)
    {
        var before = at - 1;
        if (before >= 0 && words[before] is "a" or "any" or "my")
        {
            before--;
        }

        if (before < 0)
        {
            return false;
        }

        if (words[before] is "no" or "without" or "lost")
        {
            return true;
        }

        return words[before] is "have" or "got" && before >= 1 &&
               (GroundingEvidence.Negations.Contains(words[before - 1]) || (before >= 2 && GroundingEvidence.Negations.Contains(words[before - 2])));
    }

    /// <summary>"my wife", "our two kids", "my 3 daughters", or "I"/"we" with "have"/"got" up to three words before ("I
    /// have two kids", "we've got a baby"; not "my sister has two kids", "they have a son").</summary>
    private static bool IsOwn(IReadOnlyList<string> words, int at)
    {
        var before = at - 1;
        if (before >= 0 && (GroundingNumbers.IsNumberWord(words[before]) || words[before].All(char.IsAsciiDigit)))
        {
            before--;
        }

        if (before >= 0 && OwnWords.Contains(words[before]))
        {
            return true;
        }

        for (var i = at - 1; i >= Math.Max(0, at - 3); i--)
        {
            if (HaveWords.Contains(words[i]) && (FirstPerson.Contains(words[i]) || (i >= 1 && FirstPerson.Contains(words[i - 1])) || (i >= 2 && FirstPerson.Contains(words[i - 2]))))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, (string Cue, Said How)[]> Build((string[] Words, (string Cue, Said How)[] Cues)[] entries)
    {
        var byTerm = new Dictionary<string, (string, Said)[]>(StringComparer.Ordinal);
        foreach (var (words, cues) in entries)
        {
            foreach (var word in words)
            {
                byTerm[FactGrounding.Term(word)] = cues;
            }
        }

        return byTerm;
    }
}

namespace Memory.WriteBack.Extraction;

/// <summary>Words a careful model uses for what the user said in other words: "I don't eat meat" is a vegetarian, "my
/// wife" a married user, "I have two kids" a parent. A fact's word listed here is grounded when the user's words hold
/// one of its cues the way the cue must be said: denied ("don't eat meat", "stopped eating meat", "no job"), affirmed
/// ("a peanut allergy"), or as the user's own people ("my wife", "our kids", "I have two kids", not "my brother's
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
    }

    private static readonly Dictionary<string, (string Cue, Said How)[]> ByTerm = Build(
    [
        (["vegetarian", "veggie"], [("meat", Said.Denied), ("meats", Said.Denied), ("meatless", Said.Affirmed), ("plant", Said.Affirmed)]),
        (["vegan"], [("animal", Said.Denied), ("dairy", Said.Denied), ("plant", Said.Affirmed)]),
        (["pescatarian", "pescetarian"], [("meat", Said.Denied)]),
        (["teetotal", "teetotaler", "teetotaller", "sober", "nondrinker"], [("drink", Said.Denied), ("drinking", Said.Denied), ("alcohol", Said.Denied), ("booze", Said.Denied)]),
        (["allergic"], [("allergy", Said.Affirmed), ("allergies", Said.Affirmed)]),
        (["married"], [("wife", Said.Own), ("husband", Said.Own), ("spouse", Said.Own)]),
        (["parent"], [("kid", Said.Own), ("kids", Said.Own), ("child", Said.Own), ("children", Said.Own), ("son", Said.Own), ("sons", Said.Own), ("daughter", Said.Own), ("daughters", Said.Own), ("baby", Said.Own), ("toddler", Said.Own)]),
        (["unemployed", "jobless"], [("job", Said.Denied), ("laid", Said.Affirmed), ("redundant", Said.Affirmed)]),
        (["retiree"], [("retired", Said.Affirmed), ("retirement", Said.Affirmed)]),
    ]);

    /// <summary>Words in a clause that give something up without a negation ("I stopped eating meat", "I quit drinking",
    /// "I gave up meat", "I cut out dairy").</summary>
    private static readonly HashSet<string> Stops = new(StringComparer.Ordinal)
    {
        "stopped", "stop", "quit", "gave", "give", "cut", "avoid", "avoids", "giving", "quitting",
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

    private static bool SaidAs(Said how, GroundingEvidence clause, IReadOnlyList<string> words, int at) => how switch
    {
        Said.Denied => clause.NegatesBefore([FactGrounding.Term(words[at])]) || clause.Words.Overlaps(Stops),
        Said.Own => IsOwn(words, at) && !clause.NegatesBefore([FactGrounding.Term(words[at])]),
        _ => !clause.NegatesBefore([FactGrounding.Term(words[at])]),
    };

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

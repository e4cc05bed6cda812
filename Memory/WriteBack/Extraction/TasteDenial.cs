namespace Memory.WriteBack.Extraction;

/// <summary>A taste denied after its words, where a negation before them is not looked for: "Horror films aren't really
/// my thing", "Jazz is not my cup of tea", "Camping isn't for me", "Sushi has never appealed to me", "Board games? Not
/// for me". The thing is the subject, the negation follows it within a few words, and what is denied is the user's
/// taste ("for me", "my thing", "appeals to me"), so "jazz that isn't too loud", "dogs that aren't for sale" and
/// "cooking isn't just for me" deny nothing.</summary>
internal static class TasteDenial
{
    /// <summary>How many words after the thing its negation may come ("Opera, honestly, is not ...").</summary>
    private const int Reach = 5;

    /// <summary>What may come between the negation and the taste it denies ("isn't really my thing", "has never
    /// been for me").</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "really", "exactly", "particularly", "quite", "entirely", "totally", "all", "that", "much", "very", "been", "be",
        "ever", "always", "actually", "honestly", "necessarily", "so", "truly", "remotely", "at", "personally",
    };

    /// <summary>Nouns of "my X" that say the user's taste ("my thing", "my cup of tea", "my kind of thing").</summary>
    private static readonly HashSet<string> TasteNouns = new(StringComparer.Ordinal)
    {
        "thing", "things", "cup", "scene", "style", "jam", "bag", "type", "kind", "sort", "forte", "taste", "idea", "vibe",
        "preference", "speed",
    };

    /// <summary>Verbs that say what something does to the user ("doesn't appeal to me", "doesn't interest me", "doesn't
    /// do it for me", "doesn't float my boat").</summary>
    private static readonly HashSet<string> TasteVerbs = new(StringComparer.Ordinal)
    {
        "appeal", "appeals", "appealed", "interest", "interests", "interested", "excite", "excites", "excited", "grab", "grabs",
        "suit", "suits", "suited", "agree", "agrees", "tempt", "tempts", "attract", "attracts", "thrill", "thrills", "float",
        "floats", "do", "does", "did",
    };

    /// <summary>Verbs before the thing that make it the user's object, not the subject the negation denies ("I love jazz
    /// and hip hop isn't for me"; "I think horror films aren't my thing" is still a denial).</summary>
    private static readonly HashSet<string> UserBefore = new(StringComparer.Ordinal)
    {
        "like", "likes", "love", "loves", "enjoy", "enjoys", "adore", "prefer", "play", "watch", "listen", "eat", "drink",
        "have", "got", "own", "do", "read",
    };

    /// <summary>Words in a fact that say the user likes the thing (a liking is denied even of "my job").</summary>
    private static readonly HashSet<string> Liking = new(StringComparer.Ordinal)
    {
        "like", "likes", "love", "loves", "enjoy", "enjoys", "adore", "adores", "fan", "favourite", "favorite", "keen",
        "passionate", "interested", "into", "prefer", "prefers",
    };

    /// <summary>True when every mention of the fact's terms that holds the most of them is denied after its words (a
    /// "horror" in "horror podcasts" does not support "horror films"; the fact's verb said in the denial, "coffee isn't
    /// something I drink", is no mention). A denied thing the user owns ("My new flat isn't for me") denies only a
    /// liking of it, not that it exists.</summary>
    public static bool Denies(GroundingEvidence user, IReadOnlyList<string> terms, IReadOnlyList<string> factWords)
    {
        var mentions = user.Mentions(terms);
        var ends = mentions.Select(DeniedAfter).ToList();
        var counted = Enumerable.Range(0, mentions.Count).Where(k => !InsideDenial(mentions, ends, k)).ToList();
        if (counted.Count == 0)
        {
            return false;
        }

        var most = counted.Max(k => mentions[k].Terms);
        var liking = factWords.Any(Liking.Contains);
        return counted.Where(k => mentions[k].Terms == most).All(k => ends[k] >= 0 && (liking || !Owned(mentions[k])));
    }

    /// <summary>Whether mention <paramref name="k"/> is said inside the taste that denies an earlier mention.</summary>
    private static bool InsideDenial(List<Mention> mentions, List<int> ends, int k)
    {
        for (var j = 0; j < k; j++)
        {
            if (ends[j] >= 0 && ReferenceEquals(mentions[j].Words, mentions[k].Words) && mentions[k].Start <= ends[j])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The position of the last word of the taste that denies the mention after it, or -1.</summary>
    private static int DeniedAfter(Mention m)
    {
        var words = m.Words;
        for (var i = Math.Max(0, m.Start - 3); i < m.Start; i++)
        {
            if (UserBefore.Contains(words[i]))
            {
                return -1;
            }
        }

        for (var i = m.End + 1; i < words.Count && i <= m.End + Reach; i++)
        {
            if (words[i] is "i" or "im" or "ive" or "we" or "but" or "though" or "although" or "however" or "whereas" or "while" or "yet")
            {
                return -1;
            }

            if (GroundingEvidence.Negations.Contains(words[i]))
            {
                return TasteAfter(words, i + 1);
            }
        }

        return -1;
    }

    /// <summary>"for me", "my thing", "my kind of thing", "something I enjoy", "appeals to me", after at most three
    /// fillers: the position of its last word ("something I enjoy": of the verb), or -1.</summary>
    private static int TasteAfter(IReadOnlyList<string> words, int at)
    {
        var skipped = 0;
        while (at < words.Count && Fillers.Contains(words[at]) && skipped < 3)
        {
            at++;
            skipped++;
        }

        if (at >= words.Count)
        {
            return -1;
        }

        var next = at + 1 < words.Count ? words[at + 1] : null;
        switch (words[at])
        {
            case "for":
                return next is "me" or "us" ? at + 1 : -1;
            case "my" or "our":
                return next is not null && TasteNouns.Contains(next) ? at + 1 : at + 2 < words.Count && TasteNouns.Contains(words[at + 2]) ? at + 2 : -1;
            case "something" or "anything" or "what":
                return next is "i" or "we" ? Math.Min(at + 3, words.Count - 1) : -1;
        }

        if (!TasteVerbs.Contains(words[at]))
        {
            return -1;
        }

        for (var i = at + 1; i < words.Count && i <= at + 3; i++)
        {
            if (words[i] is "me" or "us" or "my")
            {
                return words[at] is not ("do" or "does" or "did") || words[i - 1] == "for" ? i : -1;
            }
        }

        return -1;
    }

    /// <summary>"my job", "our old car": the user's own thing.</summary>
    private static bool Owned(Mention m) =>
        (m.Start >= 1 && m.Words[m.Start - 1] is "my" or "our") || (m.Start >= 2 && m.Words[m.Start - 2] is "my" or "our");
}

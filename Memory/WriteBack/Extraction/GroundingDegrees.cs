namespace Memory.WriteBack.Extraction;

/// <summary>How much, how well or how often a fact says the user does something must be what the user said: "fluent",
/// "native", "expert", "professional", "every day", "always" need the user's own word for that degree near the thing
/// ("I speak Arabic fluently", "Arabic is my first language", "I cook professionally", "I run every day"), and a lower
/// one said nearer ("a little Arabic", "I'm learning Japanese to become fluent", "I swim occasionally") or an aim ("I
/// want to be fluent") does not count. A liking ("likes", "loves") is kept unless the user's word nearest the thing is
/// lukewarm ("I don't mind horror films", "I'm okay with jazz"). A fact that hedges its degree itself ("wants to become
/// fluent", "speaks a little Arabic") is not checked.</summary>
internal static class GroundingDegrees
{
    private delegate bool At(IReadOnlyList<string> words, int i);

    /// <summary>A degree: where a fact states it (<see cref="States"/>), where the user's words say it or more
    /// (<see cref="Says"/>) or less (<see cref="Lowers"/>); <see cref="Needed"/> when the user must say it, not only not
    /// lower it.</summary>
    private sealed record Scale(bool Needed, At States, At Says, At Lowers, Func<IReadOnlyList<string>, bool> Applies);

    private static readonly HashSet<string> LanguageWords = new(StringComparer.Ordinal)
    {
        "speaker", "speakers", "speak", "speaks", "speaking", "language", "languages", "tongue", "fluent",
    };

    private static readonly HashSet<string> FluencyLower = new(StringComparer.Ordinal)
    {
        "little", "bit", "bits", "some", "basic", "basics", "conversational", "learning", "learn", "learned", "learnt",
        "studying", "beginner", "rusty", "broken", "intermediate", "elementary", "decent", "passable", "okay", "ok", "few",
        "understand", "pidgin", "improving", "limited",
    };

    private static readonly HashSet<string> Fluent = new(StringComparer.Ordinal)
    {
        "fluent", "fluently", "fluency", "proficient", "perfect", "perfectly",
    };

    private static readonly HashSet<string> Expert = new(StringComparer.Ordinal)
    {
        "expert", "experts", "expertise", "seasoned", "accomplished", "advanced", "skilled", "professional", "professionally",
        "pro", "master", "mastered", "experienced", "veteran",
    };

    private static readonly HashSet<string> ForWork = new(StringComparer.Ordinal)
    {
        "work", "works", "working", "job", "living", "career", "paid", "employed", "freelance", "freelancer", "clients",
        "business",
    };

    private static readonly HashSet<string> SkillLower = new(StringComparer.Ordinal)
    {
        "hobby", "hobbyist", "hobbies", "amateur", "fun", "casual", "casually", "beginner", "novice", "learning", "spare",
        "free", "dabble", "dabbling", "weekend", "weekends", "occasionally", "sometimes", "aspiring", "bit", "little", "side",
    };

    private static readonly HashSet<string> Often = new(StringComparer.Ordinal)
    {
        "always", "constantly", "daily", "everyday", "every", "each", "religiously", "nonstop", "habitually", "routinely",
    };

    private static readonly HashSet<string> Seldom = new(StringComparer.Ordinal)
    {
        "sometimes", "occasionally", "occasional", "rarely", "seldom", "sporadically", "infrequently", "once", "periodically",
    };

    /// <summary>Words of a fact about how the user wants the assistant to answer, where "always" is no frequency ("The
    /// user always wants short answers").</summary>
    private static readonly HashSet<string> Wants = new(StringComparer.Ordinal)
    {
        "want", "wants", "prefer", "prefers", "like", "likes", "wish", "wishes", "reply", "replies", "answer", "answers",
        "response", "responses", "asks",
    };

    private static readonly HashSet<string> Liking = new(StringComparer.Ordinal)
    {
        "like", "likes", "love", "loves", "enjoy", "enjoys", "adore", "adores", "fan", "favourite", "favorite", "passionate",
        "keen",
    };

    private static readonly HashSet<string> LikingSaid = new(StringComparer.Ordinal)
    {
        "like", "likes", "liked", "love", "loves", "loved", "enjoy", "enjoys", "enjoyed", "adore", "adores", "fan", "favourite",
        "favorite", "fave", "passionate", "keen", "into", "obsessed",
    };

    /// <summary>An aim, not a degree had ("I want to be fluent", "learning it to become fluent"), up to three words
    /// before the degree.</summary>
    private static readonly HashSet<string> Aims = new(StringComparer.Ordinal)
    {
        "want", "wants", "hope", "hoping", "hopes", "become", "becoming", "wish", "aim", "aiming", "goal", "dream", "someday",
        "trying", "try", "improve", "improving", "like", "get", "getting",
    };

    private static readonly Scale[] Scales =
    [
        new( // native
            Needed: true,
            States: (w, i) => (w[i] is "native" or "natively" && (i + 1 >= w.Count || w[i + 1] is not ("of" or "to"))) || MotherTongue(w, i) || FirstLanguage(w, i),
            Says: Native,
            Lowers: (w, i) => FluencyLower.Contains(w[i]),
            Applies: f => f.Any(LanguageWords.Contains) && !f.Any(w => FluencyLower.Contains(w) || Aims.Contains(w))),
        new( // fluent
            Needed: true,
            States: (w, i) => w[i] is "fluent" or "fluently" or "proficient" or "bilingual",
            Says: (w, i) => Native(w, i) || Fluent.Contains(w[i]),
            Lowers: (w, i) => FluencyLower.Contains(w[i]),
            Applies: f => !f.Any(w => FluencyLower.Contains(w) || Aims.Contains(w))),
        new( // expert
            Needed: true,
            States: (w, i) => w[i] is "expert" or "seasoned" or "accomplished" or "advanced" or "skilled",
            Says: (w, i) => Expert.Contains(w[i]),
            Lowers: (w, i) => SkillLower.Contains(w[i]),
            Applies: f => !f.Any(w => SkillLower.Contains(w) || Aims.Contains(w))),
        new( // professional
            Needed: true,
            States: (w, i) => w[i] is "professional" or "professionally",
            Says: (w, i) => Expert.Contains(w[i]) || ForWork.Contains(w[i]) || (w[i] is "a" or "an" && i >= 1 && w[i - 1] is "im" or "am"),
            Lowers: (w, i) => SkillLower.Contains(w[i]),
            Applies: f => !f.Any(w => SkillLower.Contains(w) || Aims.Contains(w))),
        new( // frequency
            Needed: true,
            States: (w, i) => w[i] is "always" or "constantly" or "daily" or "everyday" or "religiously" or "nonstop" ||
                              (w[i] is "every" or "each" && i + 1 < w.Count && w[i + 1] is "day" or "single") ||
                              (w[i] is "day" or "single" && i >= 1 && w[i - 1] is "every" or "each") || AllTheTime(w, i),
            Says: (w, i) => (Often.Contains(w[i]) && (i + 1 >= w.Count || w[i + 1] is not ("so" or "now" or "once" or "other" or "few" or "couple"))) ||
                            AllTheTime(w, i) || (w[i] is "miss" or "misses" or "skip" or "skips" && i >= 1 && w[i - 1] is "never" or "rarely" or "seldom" or "dont") ||
                            (w[i] == "fail" && i >= 1 && w[i - 1] == "without") || (w[i] == "day" && i >= 1 && w[i - 1] is "a" or "per"),
            Lowers: (w, i) => (Seldom.Contains(w[i]) && (i + 1 >= w.Count || w[i + 1] is not ("miss" or "misses" or "skip" or "skips"))) ||
                              (w[i] == "often" && i >= 1 && w[i - 1] == "so") || (w[i] == "then" && i >= 2 && w[i - 2] == "now") ||
                              (w[i] == "time" && i >= 2 && w[i - 1] == "to" && w[i - 2] == "time") || (w[i] == "can" && i >= 2 && w[i - 1] == "i" && w[i - 2] is "when" or "if"),
            Applies: f => !f.Any(w => Wants.Contains(w) || Seldom.Contains(w) || Aims.Contains(w))),
        new( // liking
            Needed: false,
            States: (w, i) => Liking.Contains(w[i]),
            Says: (w, i) => LikingSaid.Contains(w[i]),
            Lowers: Lukewarm,
            Applies: f => !f.Any(GroundingEvidence.Negations.Contains)),
    ];

    /// <summary>False when <paramref name="factWords"/> state a degree the user's words do not (<paramref
    /// name="terms"/>: the fact's content terms).</summary>
    public static bool Said(IReadOnlyList<string> factWords, IReadOnlyList<string> terms, GroundingEvidence user)
    {
        foreach (var scale in Scales)
        {
            var stated = Enumerable.Range(0, factWords.Count).Where(i => scale.States(factWords, i)).ToList();
            if (stated.Count == 0 || !scale.Applies(factWords))
            {
                continue;
            }

            var degreeTerms = stated.Select(i => FactGrounding.Term(factWords[i])).ToHashSet(StringComparer.Ordinal);
            var thing = terms.Where(t => !degreeTerms.Contains(t)).ToList();
            if (!Supported(scale, user, thing))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Some mention of the thing has the degree said nearer than a lower one (a needed degree), or has no
    /// lukewarm word nearer than a liking (a liking); with no mention (the thing said in other words), some sentence
    /// does.</summary>
    private static bool Supported(Scale scale, GroundingEvidence user, IReadOnlyList<string> thing)
    {
        var mentions = thing.Count == 0 ? [] : user.Mentions(thing);
        if (mentions.Count == 0)
        {
            return scale.Needed ? user.Sentences.Any(s => Fits(scale, s, _ => 0)) : user.Sentences.All(s => Fits(scale, s, _ => 0));
        }

        return mentions.Exists(m => Fits(scale, m.Words, m.Distance));
    }

    private static bool Fits(Scale scale, IReadOnlyList<string> words, Func<int, int> distance)
    {
        int says = int.MaxValue, lowers = int.MaxValue;
        for (var i = 0; i < words.Count; i++)
        {
            if (scale.Says(words, i) && !AimBefore(words, i))
            {
                says = Math.Min(says, distance(i));
            }
            else if (scale.Lowers(words, i))
            {
                lowers = Math.Min(lowers, distance(i));
            }
        }

        return scale.Needed ? says < lowers : lowers == int.MaxValue || says < lowers;
    }

    private static bool AimBefore(IReadOnlyList<string> words, int at)
    {
        for (var i = Math.Max(0, at - 3); i < at; i++)
        {
            if (Aims.Contains(words[i]) && (words[i] != "like" || (i + 1 < words.Count && words[i + 1] == "to")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Native(IReadOnlyList<string> w, int i) =>
        w[i] is "native" or "natively" or "bilingual" || MotherTongue(w, i) || FirstLanguage(w, i) ||
        (w[i] == "speaking" && i >= 1 && (w[i - 1] == "raised" || (i >= 2 && w[i - 1] == "up" && w[i - 2] == "grew")));

    private static bool MotherTongue(IReadOnlyList<string> w, int i) => w[i] == "tongue" && i >= 1 && w[i - 1] is "mother" or "mum" or "mom";

    private static bool FirstLanguage(IReadOnlyList<string> w, int i) => w[i] == "language" && i >= 1 && w[i - 1] == "first";

    private static bool AllTheTime(IReadOnlyList<string> w, int i) => w[i] == "time" && i >= 2 && w[i - 1] == "the" && w[i - 2] == "all";

    /// <summary>"I don't mind", "tolerate", "put up with", "okay with", "horror films are okay".</summary>
    private static bool Lukewarm(IReadOnlyList<string> w, int i) =>
        (w[i] is "mind" or "minds" && i >= 1 && w[i - 1] is "dont" or "doesnt" or "didnt" or "never") ||
        w[i] is "tolerate" or "tolerates" or "meh" or "bearable" ||
        (w[i] == "up" && i >= 1 && w[i - 1] == "put" && i + 1 < w.Count && w[i + 1] == "with") ||
        (w[i] is "okay" or "ok" or "alright" or "fine" && (i + 1 >= w.Count || w[i + 1] is "with" or "i"));
}

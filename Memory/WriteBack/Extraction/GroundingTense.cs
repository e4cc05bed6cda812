namespace Memory.WriteBack.Extraction;

/// <summary>A present home, job or state ("The user lives in Taipei", "works at KPMG", "works as a nurse", "is
/// vegetarian", "is allergic to cats") must be one the user has now, not one they only had: every mention of its place,
/// role or state governed by a past verb ("I've lived in Tokyo, Seoul and Taipei", "I used to live in Lisbon", "I grew
/// up in Leeds", "I worked at Google", "I was a nurse", "I was vegetarian for ten years", "I moved from Tokyo") or by a
/// move to come ("I'm moving to Dublin") grounds no present fact. The verb governing a mention is the nearest one
/// before it in its sentence, so one verb governs a list; a relative clause between them is skipped ("I live where I
/// was born, in Leeds" is "live"), and a "was" after a verb of finding out is no past ("I found out I was allergic"). A perfect with a duration is present ("I've lived in Taipei for five years",
/// "since 2019", "I've always lived in Leeds"), and so is a mention with "now", "currently", "still" between the verb and
/// it or just after it ("... and now Taipei", "Taipei now"), or a present verb with "there" after it ("I grew up in
/// Leeds and still live there"). A mention no verb governs ("Taipei is home") is not read as past.</summary>
internal static class GroundingTense
{
    private enum Tense
    {
        None,
        Present,
        NotNow,
    }

    /// <summary>A fact's present home or job: "lives", "works", "resides", "is based", "is living", "is working", "is
    /// employed".</summary>
    private static readonly HashSet<string> PresentInFact = new(StringComparer.Ordinal) { "lives", "live", "works", "work", "resides", "reside" };

    /// <summary>A fact that says the home or job is past or to come is not checked ("used to live", "has lived",
    /// "wants to work").</summary>
    private static readonly HashSet<string> NotPresentInFact = new(StringComparer.Ordinal)
    {
        "used", "lived", "worked", "formerly", "previously", "former", "grew", "born", "raised", "want", "wants", "plans",
        "planning", "will", "hopes", "moving", "until", "before", "retired", "ago",
    };

    /// <summary>Verbs whose mention is the user's now: present ones, and changes that led to it ("moved to", "became",
    /// "got a job at").</summary>
    private static readonly HashSet<string> PresentVerbs = new(StringComparer.Ordinal)
    {
        "live", "lives", "work", "works", "reside", "resides", "im", "am", "is", "are", "moved", "relocated",
        "settled", "started", "joined", "became", "become", "got", "began", "landed", "took", "switched", "joining", "starting", "becoming",
    };

    /// <summary>Verbs whose mention is not the user's now: past ("lived in", "grew up in", "was a", "quit", "left") or
    /// to come ("I'm moving to Dublin in August").</summary>
    private static readonly HashSet<string> PastVerbs = new(StringComparer.Ordinal)
    {
        "lived", "worked", "resided", "grew", "born", "raised", "spent", "stayed", "quit", "left", "retired", "resigned",
        "fired", "laid", "had", "was", "were",
    };

    /// <summary>Participles whose tense is their auxiliary's: "was living" is past, "am living", "have been living" present.</summary>
    private static readonly HashSet<string> Participles = new(StringComparer.Ordinal)
    {
        "living", "working", "residing", "based", "employed", "staying",
    };

    private static readonly HashSet<string> Perfect = new(StringComparer.Ordinal)
    {
        "have", "has", "ive", "weve", "hes", "shes", "theyve", "youve",
    };

    private static readonly HashSet<string> Now = new(StringComparer.Ordinal)
    {
        "now", "currently", "still", "nowadays", "presently",
    };

    /// <summary>What makes a perfect present ("for five years", "since 2019", "my whole life", "always").</summary>
    private static readonly HashSet<string> Durations = new(StringComparer.Ordinal)
    {
        "for", "since", "always", "whole", "entire", "forever",
    };

    /// <summary>False when <paramref name="factWords"/> put the user's home or job in the present and every mention of
    /// its <paramref name="terms"/> in the user's words is governed by a past verb.</summary>
    public static bool Agrees(IReadOnlyList<string> factWords, IReadOnlyList<string> terms, GroundingEvidence user)
    {
        var kind = PresentFact(factWords);
        if (kind == Claim.None || terms.Count == 0)
        {
            return true;
        }

        var mentions = user.Mentions(terms);
        return mentions.Count == 0 || mentions.Exists(m => Of(m, kind) != Tense.NotNow);
    }

    private enum Claim
    {
        None,
        HomeOrJob,

        /// <summary>A state of the user's ("is vegetarian", "is bilingual"), which being born or raised so grounds.</summary>
        State,
    }

    private static Claim PresentFact(IReadOnlyList<string> words)
    {
        if (words.Any(NotPresentInFact.Contains))
        {
            return Claim.None;
        }

        var state = false;
        for (var i = 0; i < words.Count; i++)
        {
            if ((PresentInFact.Contains(words[i]) && (i == 0 || words[i - 1] != "to")) ||
                (Participles.Contains(words[i]) && i >= 1 && words[i - 1] is "is" or "are"))
            {
                return Claim.HomeOrJob;
            }

            state |= PresentState(words, i);
        }

        return state ? Claim.State : Claim.None;
    }

    /// <summary>"The user is vegetarian", "... is a nurse", "... is allergic to cats": a state the user is in now (not
    /// where they are from, which a birthplace grounds).</summary>
    private static bool PresentState(IReadOnlyList<string> words, int i) =>
        i >= 1 && words[i - 1] == "user" && words[i] is "is" or "are" &&
        (i + 1 >= words.Count || words[i + 1] is not ("from" or "originally" or "native"));

    private static Tense Of(Mention m, Claim kind)
    {
        var words = m.Words;
        for (var i = m.End + 1; i < words.Count && i <= m.End + 2; i++)
        {
            if (Now.Contains(words[i]) && (i + 1 >= words.Count || words[i + 1] is not ("i" or "im" or "ive" or "we" or "my")))
            {
                return Tense.Present; // "Taipei now", "Leeds, currently" (not "Tokyo, now I'm in Taipei")
            }
        }

        if (ThereAfter(words, m.End) || StillAfter(words, m.End))
        {
            return Tense.Present;
        }

        var fromBeforeClause = false;
        for (var i = m.Start - 1; i >= 0; i--)
        {
            var word = words[i];
            if ((PastVerbs.Contains(word) || word == "been") && RelativeClauseStart(words, i) is var clause and >= 0)
            {
                // "I live where I was born, in Leeds", "the town where I grew up, Leeds": the clause's verb does not
                // govern the place named after it; the verb before the clause does ("I moved from the town where I grew
                // up, Leeds" still left it).
                fromBeforeClause = words.Skip(Math.Max(0, clause - 3)).Take(Math.Min(3, clause)).Contains("from");
                i = clause;
                continue;
            }

            if (word == "be" && UsedTo(words, i))
            {
                return Tense.NotNow; // "I used to be vegetarian"
            }

            if (word is "was" or "were" && ReportedPast(words, i))
            {
                return Tense.None; // "I found out I was allergic to cats": when it was learnt, not that it ended
            }

            if (Now.Contains(word))
            {
                return Tense.Present; // "... Seoul and now Taipei"
            }

            if (word is "move" or "moving" or "relocating")
            {
                // "I'm moving to Dublin", "we'll move to", "planning to move": to come; "since moving to Leeds": now.
                return i >= 1 && words[i - 1] is "im" or "am" or "is" or "are" or "were" or "will" or "to" or "be" or "ill" or "well" ? Tense.NotNow : Tense.Present;
            }

            if (PresentVerbs.Contains(word))
            {
                return (word is "moved" or "relocated" && (FromBefore(words, m.Start) || fromBeforeClause || (i + 1 < words.Count && words[i + 1] == "away"))) || UsedTo(words, i)
                    ? Tense.NotNow
                    : Tense.Present;
            }

            if (Participles.Contains(word))
            {
                return i >= 1 && words[i - 1] is "was" or "were" or "had" ? Tense.NotNow : Tense.Present;
            }

            if (word == "were" && Contracted(words, i))
            {
                return Tense.Present; // "we're", "you're", "they're" lose their apostrophe
            }

            if (kind == Claim.State && word is "born" or "raised" or "grew")
            {
                return Tense.None; // "I was born deaf", "I grew up bilingual": a state from birth or childhood
            }

            if (kind == Claim.State && StateChanges.Contains(word))
            {
                return Tense.Present; // "... but went vegan last month", "I've gone vegan"
            }

            if (kind == Claim.State && word is "was" or "were")
            {
                // "I was vegetarian for ten years", "I was a nurse": the "was" says the state; "Yesterday was my first
                // day as a nurse" does not, and "I was always left-handed", "I was married in 2015" still hold.
                return !Governs(words, i, m) ? Tense.None : Lasting(words, i, m) ? Tense.Present : Tense.NotNow;
            }

            if (PastVerbs.Contains(word))
            {
                return PerfectWithDuration(words, i, m.End) ? Tense.Present : Tense.NotNow;
            }

            if (word == "been")
            {
                return PerfectWithDuration(words, i, m.End) ? Tense.Present : Tense.NotNow; // "I've been a nurse" (for 20 years)
            }

            if (word.Length > 3 && word.EndsWith("ed", StringComparison.Ordinal))
            {
                return Tense.None; // another verb governs it ("I was hired at Google", "I visited Taipei")
            }
        }

        return PastAfter(words, m.End) ? Tense.NotNow : Tense.None;
    }

    /// <summary>Changes into a state ("went vegan", "turned vegetarian", "converted to Islam"): the user is in it now.</summary>
    private static readonly HashSet<string> StateChanges = new(StringComparer.Ordinal)
    {
        "went", "go", "gone", "going", "turned", "turn", "converted", "became", "become", "switched", "changed",
    };

    /// <summary>Words that may stand between "was" and the state it says: "I was a nurse", "I was very strict vegan".</summary>
    private static readonly HashSet<string> StateModifiers = new(StringComparer.Ordinal)
    {
        "a", "an", "very", "really", "quite", "so", "pretty", "strictly", "fully", "completely", "totally", "also", "both",
        "always", "fairly", "extremely", "mostly", "severely", "mildly",
    };

    /// <summary>Words that end a state's list ("a nurse and a midwife") and begin something else ("as a nurse", "my
    /// first day").</summary>
    private static readonly HashSet<string> NotInStateList = new(StringComparer.Ordinal)
    {
        "as", "my", "our", "your", "his", "her", "their", "the", "at", "in", "on", "with", "for", "like", "when", "while",
        "because", "but", "to", "of", "from", "until", "after", "before", "since", "day", "time", "year", "years",
    };

    /// <summary>Whether the "was" at <paramref name="was"/> says the state mentioned: "I was (a) vegan", "I was a
    /// nurse and a midwife", not "Yesterday was my first day as a nurse".</summary>
    private static bool Governs(IReadOnlyList<string> words, int was, Mention m)
    {
        var list = -1;
        for (var i = m.Start - 1; i > was; i--)
        {
            if (words[i] is "and" or "or")
            {
                list = i;
                break;
            }
        }

        for (var i = was + 1; i < m.Start; i++)
        {
            if (!StateModifiers.Contains(words[i]) && !(i < list && !NotInStateList.Contains(words[i])) && i != list)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"I was always left-handed", "I was married in 2015": a "was" that starts the state, not one that ended.</summary>
    private static bool Lasting(IReadOnlyList<string> words, int was, Mention m) =>
        (was + 1 < words.Count && words[was + 1] == "always") ||
        (words[m.Start] is "married" or "engaged" && m.End + 2 < words.Count && words[m.End + 1] is "in" or "on" &&
         ((words[m.End + 2].Length > 0 && char.IsAsciiDigit(words[m.End + 2][0])) || words[m.End + 2] is "the" or "june" or "may" or "april" or "march" or "july" or "august" or "september" or "october" or "november" or "december" or "january" or "february"));

    /// <summary>A place named before its past verb: "Taipei is where I used to live", "Leeds, where I grew up".</summary>
    private static bool PastAfter(IReadOnlyList<string> words, int end)
    {
        var i = end + 1;
        if (i < words.Count && words[i] is "is" or "was")
        {
            i++;
        }

        if (i + 2 >= words.Count || words[i] is not ("where" or "which" or "that") || words[i + 1] is not ("i" or "we"))
        {
            return false;
        }

        var verb = words[i + 2];
        return verb is "lived" or "worked" or "grew" or "was" or "were" or "spent" || (verb == "used" && i + 4 < words.Count && words[i + 3] == "to");
    }

    /// <summary>The position of "where", "that" or "which" opening the relative clause whose subject "I" or "we" has the
    /// verb at <paramref name="verb"/> ("where I was born", "where we grew up", "that I've been to"), or -1.</summary>
    private static int RelativeClauseStart(IReadOnlyList<string> words, int verb)
    {
        for (var i = verb - 1; i >= Math.Max(1, verb - 4); i--)
        {
            if (words[i] is "i" or "we" or "ive" or "weve" && (words[i - 1] is "where" or "which" || (words[i - 1] == "that" && AfterNoun(words, i - 1))))
            {
                return i - 1;
            }
        }

        return -1;
    }

    /// <summary>Whether the "that" at <paramref name="that"/> follows a noun ("the town that I grew up in") and so opens a
    /// relative clause, not what was said or known ("Did I mention that I lived in Paris", "I told my boss that ...").</summary>
    private static bool AfterNoun(IReadOnlyList<string> words, int that)
    {
        for (var i = that - 1; i >= Math.Max(0, that - 3); i--)
        {
            if (Saying.Contains(words[i]))
            {
                return false;
            }

            if (words[i] is "the" or "a" or "an" or "my" or "our" or "his" or "her" or "their" or "your" or "this" or "every" or "one")
            {
                return i + 1 < that && (i == 0 || !Saying.Contains(words[i - 1])) && (i < 2 || !Saying.Contains(words[i - 2]));
            }
        }

        return false;
    }

    /// <summary>Verbs of saying or knowing, whose "that" opens what is said.</summary>
    private static readonly HashSet<string> Saying = new(StringComparer.Ordinal)
    {
        "mention", "mentioned", "told", "tell", "telling", "said", "say", "saying", "know", "knew", "known", "think", "thought",
        "realise", "realised", "realize", "realized", "remember", "remembered", "forget", "forgot", "believe", "believed",
        "guess", "feel", "felt", "sure", "explain", "explained", "mean", "meant", "fact", "hope", "wrote", "write", "noticed",
        "notice", "heard", "hear", "show", "showed", "shown", "proud", "glad", "sad", "so", "such",
    };

    /// <summary>A past "was" after a verb of finding out ("I found out I was allergic", "I realised I was gluten
    /// intolerant"): the tense of the telling, not of the state.</summary>
    private static bool ReportedPast(IReadOnlyList<string> words, int was)
    {
        var i = was - 1;
        if (i < 0 || words[i] is not ("i" or "we"))
        {
            return false;
        }

        i--;
        if (i >= 0 && words[i] == "that")
        {
            i--;
        }

        if (i >= 0 && words[i] == "out")
        {
            i--;
        }

        return i >= 0 && words[i] is "found" or "realised" or "realized" or "learned" or "learnt" or "discovered" or "told" or "knew";
    }

    /// <summary>Whether "were" is "we're", "you're" or "they're" written without its apostrophe: it stands where its
    /// subject would (first, or after a word that opens a clause), while the past "were" follows its subject ("we
    /// were", "my parents were").</summary>
    private static bool Contracted(IReadOnlyList<string> words, int were) =>
        were == 0 || words[were - 1] is "and" or "but" or "so" or "because" or "now" or "yes" or "yeah" or "well" or "oh" or "as" or "since" or "if" or "when" or "though" or "cause";

    /// <summary>"... and still am", "... and I still am": a past state said to hold still.</summary>
    private static bool StillAfter(IReadOnlyList<string> words, int end)
    {
        for (var i = end + 1; i + 1 < words.Count; i++)
        {
            if (words[i] == "still" && words[i + 1] is "am" or "is" or "are")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"moved from Tokyo", "moved here from the States".</summary>
    private static bool FromBefore(IReadOnlyList<string> words, int start)
    {
        var i = start - 1;
        if (i >= 0 && words[i] == "the")
        {
            i--;
        }

        return i >= 0 && words[i] == "from";
    }

    /// <summary>"used to live", "used to work".</summary>
    private static bool UsedTo(IReadOnlyList<string> words, int verb) => verb >= 2 && words[verb - 1] == "to" && words[verb - 2] == "used";

    /// <summary>A past participle after "have" with a duration: "I've lived in Taipei for five years", "I've always lived
    /// in Leeds", "I've been a nurse since 2010"; "I had lived" and a bare perfect ("I've lived in Tokyo, Seoul and
    /// Taipei") are past.</summary>
    private static bool PerfectWithDuration(IReadOnlyList<string> words, int verb, int end)
    {
        if (words[verb] is not ("lived" or "worked" or "resided" or "been" or "stayed"))
        {
            return false;
        }

        // "been pescatarian since 2018": "I've" left out.
        var perfect = verb == 0 && words[verb] == "been";
        for (var i = verb - 1; i >= Math.Max(0, verb - 3); i--)
        {
            if (Perfect.Contains(words[i]))
            {
                perfect = true;
                break;
            }
        }

        if (!perfect)
        {
            return false;
        }

        for (var i = Math.Max(0, verb - 2); i < words.Count && i <= end + 4; i++)
        {
            if (Durations.Contains(words[i]) || (words[i] == "life" && i >= 1 && words[i - 1] is "my" or "whole" or "entire"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"... and still live there", "... and I'm still there", "... where I live now".</summary>
    private static bool ThereAfter(IReadOnlyList<string> words, int end)
    {
        for (var i = end + 1; i + 1 < words.Count; i++)
        {
            if (words[i] is "live" or "lives" or "work" or "works" or "based" or "im" && (words[i + 1] is "there" or "here" || (i + 2 < words.Count && words[i + 1] == "still" && words[i + 2] is "there" or "here")))
            {
                return true;
            }

            if (words[i] == "where" && i + 2 < words.Count && words[i + 1] is "i" or "we" && words[i + 2] is "live" or "work" or "am" or "now" or "currently")
            {
                return true;
            }
        }

        return false;
    }
}

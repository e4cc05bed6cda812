using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>What of a message is the user's own words: not role play, not text handed over to be translated,
/// summarised or edited ("Summarize this: ..."), not quoted text; and the clause rewrites that let the rules read
/// everyday phrasing ("We're moving ...", "Born and raised in Naples", "I've been vegetarian for ten years").</summary>
internal static partial class HeuristicStatements
{
    /// <summary>The message without quoted text and without whatever follows a request to transform text.</summary>
    private static string OwnWords(string text)
    {
        var task = TextTask().Match(text);
        if (task.Success)
        {
            text = text[..task.Index];
        }

        text = DoubleQuoted().Replace(text, " ");
        return SingleQuoted().Replace(text, " ");
    }

    /// <summary>Clause rewrites: "we"/"our" speak for the user, an elided "I" is restored, a leading date moves to
    /// the end, filler adverbs after "I am" go.</summary>
    private static string Rewrite(string clause)
    {
        // "We all have our struggles", "we can change the world": everyone, not a fact about the user; "we both"
        // is the user and one other ("We both helped ...").
        var c = PossessiveIsA().Replace(clause, "$1 is "); // "my phone's a Galaxy S21": "'s" is "is" before an article
        c = WeEveryone().Replace(c, "everyone");
        c = WeBoth().Replace(c, "we");
        c = WeAre().Replace(c, "I am");
        c = We().Replace(c, "I ");
        c = Our().Replace(c, "my ");
        c = SomeoneAndI().Replace(c, "I");
        c = IBoth().Replace(c, "I ");
        c = LuckyToHave().Replace(c, "I have my "); // "I'm lucky to have my husband and kids"
        c = ElidedI().Replace(c, m => m.Groups["born"].Success ? "I was born" : m.Groups["am"].Success ? "I am " + m.Value : m.Groups["have"].Success ? "I have " + m.Value : "I " + m.Value);
        c = BornAndRaised().Replace(c, "born in");
        c = AmFiller().Replace(c, "I am ");
        c = TryTo().Replace(c, "I ");
        // "I became vegan in January", "I went vegan", "I've become a dad": the state the user is in now.
        if (Became().Match(c) is { Success: true } became)
        {
            c = "I am " + PastTimeTail().Replace(became.Groups["rest"].Value, string.Empty);
        }

        c = NotActually().Replace(c, "I am not ");
        if (c.StartsWith("I am ", StringComparison.Ordinal))
        {
            c = NowTail().Replace(c, string.Empty); // "I'm a teacher now", "I'm married now": the plain statement
        }

        var lead = LeadingTime().Match(c);
        if (lead.Success)
        {
            var t = lead.Groups["t"].Value;
            c = $"{lead.Groups["c"].Value} {char.ToLowerInvariant(t[0])}{t[1..]}"; // "Next month I'm ..." -> "... next month"
        }

        return c;
    }

    /// <summary>"I've been a nurse for nine years" read as "I am a nurse"; null when not of that form.</summary>
    private static string? Variant(string clause)
    {
        var m = HaveBeen().Match(clause);
        return m.Success ? "I am " + Duration().Replace(m.Groups["rest"].Value, string.Empty) : null;
    }

    private static readonly Dictionary<string, string> ChatSpellings = new(StringComparer.Ordinal)
    {
        ["hav"] = "have", ["luv"] = "love",
        // Nineteenth session: a student's spelling ("im alergic to penicilin", "every nite", "w 3 flatmates").
        ["alergic"] = "allergic", ["alergy"] = "allergy", ["alergies"] = "allergies", ["nite"] = "night", ["w"] = "with", ["childrens"] = "children",
    };

    /// <summary>"i dont eat pork im muslim": a message typed without any punctuation runs two statements together;
    /// a break goes before "I am" when the word before it is a content word (not "that", "what", "the person" ...).</summary>
    private static string RunOn(string text)
    {
        var inner = text.TrimEnd('.', '!', '?', ' ');
        if (!inner.StartsWith("I ", StringComparison.Ordinal) || inner.IndexOfAny([',', '.', ';', '!', '?', ':', '(', '-', '"']) >= 0)
        {
            return text;
        }

        return RunOnBreak().Replace(text, m =>
        {
            var prev = m.Groups["prev"].Value;
            return NotRunOnWords.Contains(prev) || prev.EndsWith("ing", StringComparison.OrdinalIgnoreCase) ? m.Value : prev + ".";
        });
    }

    private static readonly HashSet<string> NotRunOnWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "what", "who", "whom", "which", "where", "when", "how", "why", "if", "because", "cause", "cuz", "coz", "as",
        "than", "so", "since", "and", "but", "or", "think", "know", "knew", "say", "said", "guess", "hope", "feel", "believe",
        "mean", "wish", "bet", "sure", "glad", "happy", "person", "man", "woman", "one", "way", "guy", "girl", "kind", "thing",
        "things", "place", "time", "day", "year", "until", "till", "before", "after", "while", "unless", "whether", "once",
        "the", "a", "an", "my", "your", "now", "then", "also", "just", "yes", "no", "yeah", "ok", "okay", "hi", "hello", "hey",
        "oh", "well", "lol", "actually", "honestly", "tell", "told", "forget", "forgot", "remember", "realise", "realize",
        "all", "everything", "who", "even", "only", "like", "btw", "fyi", "correction", "update", "note", "means", "out", "says", "said", "week", "weekend", "month", "today", "tomorrow",
        "tonight", "morning", "evening", "night", "afternoon", "ago", "days", "weeks", "months", "years", "sometimes", "usually",
        "doubt", "suspect", "worry", "worried", "fear", "afraid", "dream", "dreamt", "dreamed", "realised", "realized", "heard",
        "pretend", "imagine", "imagined", "assume", "suppose", "reckon", "figure", "figured", "thought", "wonder", "swear",
        "him", "her", "them", "me", "us", "you", "unsure", "convinced", "scared", "claim", "claims", "claimed",
    };

    /// <summary>Everyday ways of saying that something changed or was found out, read as the plain statement:
    /// "switched jobs, now at Spotify" (works at Spotify), "Turns out I'm not allergic to penicillin" and "My doctor
    /// says I'm not actually allergic to penicillin" (as "... after all": the allergy is retracted, no negative kept).</summary>
    private static string Changes(string text)
    {
        // "I eat fish but not meat": the negated item is a statement of its own ("I do not eat meat"), not dropped
        // (it was, and "I eat meat but not fish" then stood beside "eats fish" as a second diet).
        text = ButNot().Replace(text, m =>
        {
            var verb = m.Groups["verb"].Value;
            var x = m.Groups["x"].Value.Trim();
            var negated = Replaced(x, m.Groups["y"].Value.Trim());
            return verb is "am" ? $"I am {x}. I am not {negated}" : $"I {verb} {x}. I do not {verb} {negated}";
        });
        // "I don't drink coffee anymore, only green tea": the ending and what the user does instead, each its own
        // statement (the elided "only green tea" stopped the whole sentence from being read).
        text = NotButOnly().Replace(text, m =>
        {
            var verb = m.Groups["verb"].Value;
            return $"I {m.Groups["neg"].Value} {verb} {m.Groups["x"].Value.Trim()}{m.Groups["any"].Value}. I only {verb} {m.Groups["y"].Value.Trim()}";
        });
        // "My mum lives in Glasgow and my dad in Edinburgh": the second person's verb was elided (and the fact lost).
        text = ElidedSecondPerson().Replace(text, m =>
            $"{m.Groups["a"].Value} {m.Groups["verb"].Value} {m.Groups["p"].Value} {m.Groups["x"].Value}. my {m.Groups["b"].Value} {(m.Groups["verb"].Value is "live" ? "lives" : m.Groups["verb"].Value is "work" ? "works" : m.Groups["verb"].Value)} {m.Groups["p2"].Value} ");
        text = SwitchedJobs().Replace(text, "I work at ");
        // "I just got a new job as a data analyst at the NHS", "I started a new job at Deloitte": where and as what the
        // user works now (stored nothing: "got a job" is no rule's verb).
        text = WhereStated(NewJob(), text, "I work ");
        // "two kids, Emma who is 9 and Lucas who is 4": the children, then each one's age.
        text = ChildrenWithAges().Replace(text, m =>
        {
            var rel = m.Groups["rel"].Value.ToLowerInvariant();
            var one = rel switch { "sons" or "boys" => "son", "daughters" or "girls" => "daughter", _ => "child" };
            var (a, b) = (m.Groups["a"].Value, m.Groups["b"].Value);
            return $"I have {m.Groups["n"].Value} {rel} named {a} and {b}. My {one} {a} is {m.Groups["x"].Value}. My {one} {b} is {m.Groups["y"].Value}";
        });
        text = FoundNotTo().Replace(text, m =>
        {
            var rest = m.Groups["rest"].Value.TrimEnd();
            return ChangeCue().IsMatch(rest) ? $"I am not {rest}" : $"I am not {rest} after all";
        });
        text = FoundOut().Replace(text, string.Empty);

        // Tenth session's audit: endings and changes said the everyday way, read as the plain statement the rules
        // know, so the stale value is retracted or replaced instead of a new "The user stopped taking ..." fact.
        text = UsedToNow().Replace(text, m => $"I {m.Groups["v2"].Value} {m.Groups["x"].Value}");
        // "I gave up caffeine": said as it was, and the habit it ends is taken back ("The user drinks caffeine" does
        // not stay current beside it). "I quit smoking" and "I stopped taking X" need no such help: the de-duplication
        // rule reads "quit" and "stopped" as negations of "smokes" and "takes X".
        text = GaveUp().Replace(text, m => Ended(m, m.Groups["v"].Success ? BaseForm(m.Groups["v"].Value)
            : (DrinkWord().IsMatch(m.Groups["x"].Value) ? "drink " : "eat ") + m.Groups["x"].Value));
        text = OutgrewAllergy().Replace(text, m => $"I am no longer allergic to {m.Groups["x"].Value}");
        text = SwitchedMeds().Replace(text, m => $"I no longer take {m.Groups["a"].Value}. I take {m.Groups["b"].Value}");
        text = ChangedTo().Replace(text, m => $"my {m.Groups["x"].Value} is {(m.Groups["at"].Success ? "at " : m.Groups["on"].Success ? "on " : string.Empty)}");
        text = ChangedName().Replace(text, "my name is ");
        text = CannotHaveAllergic().Replace(text, "I am allergic to ${x}");
        text = AtNewEmployer().Replace(text, "I work at ");
        text = EmphaticDo().Replace(text, "I ");
        text = MarriedWithKids().Replace(text, "$1. I have ");
        text = WhereStated(ElidedAfterComma(), text, ". I ");
        text = WhereStated(ElidedSubject(), text, ". I "); // again: "I live in Lyon and have two cats" after the comma's break
        return WhereStated(ElidedAm(), text, ". I am ");
    }

    /// <summary>Gives an elided verb the user as its subject only in a sentence that states: not in a question, a
    /// condition or a hypothetical ("If I moved to Berlin, live near a park ...?"), an instruction told or reported
    /// ("I told him to relax, take a break", "My friend told me: I live in Paris and work at Google"), or a story.</summary>
    private static string WhereStated(Regex elision, string text, string replacement) =>
        elision.Replace(text, m => IsStated(text, m.Index) ? replacement : m.Value);

    private static bool IsStated(string text, int at)
    {
        var start = at == 0 ? 0 : text.LastIndexOfAny(SentenceEnds, at - 1) + 1;
        var end = text.IndexOfAny(SentenceEnds, at);
        var sentence = end < 0 ? text[start..] : text[start..(end + 1)];
        return !sentence.TrimEnd().EndsWith('?') && !NotStated().IsMatch(sentence);
    }

    private static readonly char[] SentenceEnds = ['.', '!', '?', '\n'];

    [GeneratedRegex(@"\b(?:if|unless|suppose|supposing|imagine|when|whenever|once|told|tell|tells|said|say|says|asked|ask|asks|story|pretend|would|could|should|let's)\b|:", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NotStated();

    /// <summary>The ending as said, then "I no longer ..." with what it ends (its time said once, on the ending).</summary>
    private static string Ended(Match m, string habit)
    {
        var rest = PastTimeTail().Replace(m.Groups["rest"].Value, string.Empty);
        rest = EndingTail().Replace(rest, string.Empty).TrimEnd();
        return $"{m.Value}. I no longer {habit}{rest}";
    }

    /// <summary>"taking" → "take", "swimming" → "swim", "smoking" → "smoke": the plain verb of a gerund the
    /// endings above name.</summary>
    private static string BaseForm(string gerund)
    {
        var g = gerund.ToLowerInvariant();
        if (!g.EndsWith("ing", StringComparison.Ordinal) || g.Length < 5)
        {
            return g;
        }

        var stem = g[..^3];
        if (stem.Length > 2 && stem[^1] == stem[^2] && stem[^1] is not ('l' or 's' or 'e' or 'o'))
        {
            return stem[..^1]; // swimming, running
        }

        return SilentE().IsMatch(stem) ? stem + "e" : stem;
    }

    /// <summary>Each line of a list ("- vegetarian", "* live in Oslo", "1. have a cat named Pip") is a sentence of its
    /// own. A line without a subject is the user's only in a list the user says is about themselves ("About me:",
    /// "My details:") and that asks nothing: a job ad to answer, someone else's profile or a list of options holds
    /// no fact about the user.</summary>
    private static string ListLines(string message)
    {
        if (!message.Contains('\n', StringComparison.Ordinal))
        {
            return message;
        }

        var first = ListItem().Match(message);
        var own = first.Success && SelfLabel().IsMatch(message[..first.Index]) && !message.Contains('?', StringComparison.Ordinal);
        return ListItem().Replace(message, m =>
        {
            var item = m.Groups["item"].Value.TrimEnd('.', ';', ',', ' ');
            var subject = !own ? string.Empty : ItemVerb().IsMatch(item) ? "I " : ItemState().IsMatch(item) ? "I am " : string.Empty;
            return $"{subject}{item}.";
        });
    }

    // The line that opens the list says it is about the user, and names no one else.
    [GeneratedRegex(@"(?:^|\n)(?![^\n]*\b(?:his|her|their|brother|sister|friend|wife|husband|partner|son|daughter|mum|mom|dad|father|mother|colleague|boss|client|candidate|job|role|position)\b)[^\n]*\b(?:about\s+me|about\s+myself|my\s+(?:details|profile|info|bio|background|facts|stats|situation)|me\s+in\s+(?:brief|short|a\s+nutshell)|quick\s+facts)\b[^\n]*:?[ \t]*\n?$", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SelfLabel();

    /// <summary>Whether a clause that gave a residence says where the user is for now: a stay ("right now", "this
    /// week", "for work", "on holiday", "in a hotel"), or "I'm in Paris" said with a question about it ("I'm in Paris,
    /// any restaurant tips?") or with "currently". A move ("I moved to Berlin this week") stays a residence, and so does
    /// a bare "I'm in Nairobi".</summary>
    private static bool IsVisit(string rawClause, string clause, string sentence)
    {
        if (Moved().IsMatch(clause))
        {
            return false;
        }

        if (StayCue().IsMatch(rawClause) || (AmSomewhere().IsMatch(clause) && PurposeCue().IsMatch(rawClause)))
        {
            return true;
        }

        return WeakWhereabouts().IsMatch(clause) &&
               (sentence.TrimEnd().EndsWith('?') || TripCue().IsMatch(sentence) || CurrentlyIn().IsMatch(rawClause.Trim()));
    }

    [GeneratedRegex(@"^I\s+(?:(?:just|recently|finally|eventually|then|officially|now)\s+)?(?:became|have\s+become|(?:went|turned|have\s+gone)(?=\s+(?:fully\s+|full\s+|strictly\s+)?(?:" + HeuristicRules.Diets + @"|pescetarian|sober|teetotal|(?:gluten|dairy|lactose|sugar|meat|alcohol)[-\s]free)\b))\s+(?<rest>(?:a|an)\s+\w.*|(?:fully\s+|full\s+|strictly\s+)?(?:" + HeuristicRules.Diets + @"|pescetarian|sober|teetotal|(?:gluten|dairy|lactose|sugar|meat|alcohol)[-\s]free|married|engaged|single|divorced|widowed|self-employed|unemployed|retired|vegan)\b.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex Became();

    [GeneratedRegex(@"\s+(?:(?:back\s+)?in\s+(?:(?:early|late|mid)\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|(?:19|20)\d\d|the\s+(?:spring|summer|autumn|fall|winter))|last\s+(?:year|yr|month|week|summer|winter|spring|fall|autumn|january|february|march|april|may|june|july|august|september|october|november|december)|(?:earlier\s+)?this\s+(?:year|month|week)|yesterday|recently|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+|a\s+couple\s+of|a\s+few|several|few)\s+(?:days?|weeks?|months?|years?)\s+ago|at\s+(?:the\s+age\s+of\s+)?\d+|when\s+.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PastTimeTail();

    [GeneratedRegex(@"^I\s+am\s+not\s+(?:actually|really)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex NotActually();

    [GeneratedRegex(@",?\s+(?:(?<!\bright\s)now|these\s+days|nowadays)$", RegexOptions.IgnoreCase)]
    private static partial Regex NowTail();

    [GeneratedRegex(@"(?:^|(?<=[.!?]\s))(?:I\s+have\s+(?:got\s+)?|I\s+got\s+)?(?<n>two|three|four|[234])\s+(?<rel>kids|children|sons|daughters|boys|girls)\s*[,:-]\s*(?<a>(?-i:\p{Lu})\p{Ll}+)(?:\s*,\s*|\s*\(\s*|\s+)(?:who\s+is\s+|who's\s+|aged?\s+)?(?<x>\d{1,2})\s*\)?\s*,?\s+and\s+(?<b>(?-i:\p{Lu})\p{Ll}+)(?:\s*,\s*|\s*\(\s*|\s+)(?:who\s+is\s+|who's\s+|aged?\s+)?(?<y>\d{1,2})\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex ChildrenWithAges();

    [GeneratedRegex(@"\b(?:dont|doesnt|didnt|cant|wont|isnt|arent|wasnt|werent|havent|hasnt|hadnt|wouldnt|couldnt|shouldnt)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BareContraction();

    [GeneratedRegex(@"\b(?:hav|luv|alergic|alergy|alergies|nite|childrens)\b|(?<=\p{L}\s)w(?=\s+(?:\p{Ll}|\d))")]
    private static partial Regex ChatSpelling();

    [GeneratedRegex(@"(?<prev>\b[A-Za-z]+)(?=\s+I\s+am\s+\w)")]
    private static partial Regex RunOnBreak();

    private const string ElidedVerbs = "use|take|need|have|speak|grew|live|work|love|like|hate|play|own|drive|run|moved|retired|was|study|teach|volunteer|ride|keep|eat|drink|make|sing|collect|paint|enjoy|rely|navigate|wear|walk|cycle|swim|surf|knit|cook|bake|rent|got|became|joined|started";

    private const string StateWords = @"vegetarian|vegan|pescatarian|pescetarian|married|single|divorced|engaged|widowed|pregnant|retired|allergic|fluent|based|diabetic|deaf|blind|(?:left|right)-handed|colou?r[- ]blind|lactose[- ]intolerant|(?:gluten|dairy|nut)[- ]free|self-employed|unemployed|originally\s+from";

    private const string CommaVerbs = @"live|have|own|speak|use|take|drive|teach|study|eat|drink|love|like|hate|enjoy|wear|need|rent|work\s+(?:as|at|for|in|from)";

    [GeneratedRegex(@"\bI\s+used\s+to\s+(?<v1>love|like|hate|dislike|enjoy|adore|detest|loathe)\s+(?<x>[^,.;!?]{1,60}?)\s*(?:,|;|\.)?\s*(?:but\s+|and\s+)?now\s+I\s+(?:really\s+|actually\s+)?(?<v2>love|like|hate|dislike|enjoy|adore|detest|loathe|can't\s+stand)\s+(?:it|them|those|these|that)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UsedToNow();

    /// <summary>What "but not Y" says of the words before it: Y in place of as many of their last words ("allergic to
    /// cats" with "dogs": "allergic to dogs"; "red wine" with "white wine": "white wine").</summary>
    private static string Replaced(string x, string y)
    {
        var words = x.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var count = Math.Min(words.Length, y.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        return string.Join(' ', words[..^count].Append(y));
    }

    [GeneratedRegex(@"\bI\s+(?<verb>am|eat|drink|like|love|enjoy|play|speak|take|use|read|watch|wear|own|have|keep|grow|cook|know)\s+(?<x>[a-z][^,.;:!?]*?),?\s+but\s+not\s+(?<y>[a-z][a-z' -]*?)(?=\s*(?:[,.;:!?]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ButNot();

    [GeneratedRegex(@"\b(?<a>I|[Mm]y\s+(?:\w+))\s+(?<verb>lives?|works?|is)\s+(?<p>in|at|from)\s+(?<x>(?-i:\p{Lu})[^,.;:!?]*?),?\s+and\s+my\s+(?<b>\w+)\s+(?<p2>in|at|from)\s+(?=(?-i:\p{Lu}))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ElidedSecondPerson();

    [GeneratedRegex(@"\bI\s+(?:(?:have|'ve)\s+)?(?:(?:just|recently|finally|also)\s+)?(?:got|gotten|landed|started|accepted|taken|took|begun|began)\s+(?:a|my|the)\s+(?:new\s+|first\s+|dream\s+|full-time\s+|part-time\s+)?job\s+(?=(?:as|at|with|for)\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NewJob();

    [GeneratedRegex(@"\bI\s+(?<neg>don't|do\s+not|no\s+longer|never)\s+(?<verb>eat|drink|play|speak|take|use|drive|ride|watch|wear|smoke|cook|read|buy|listen\s+to)\s+(?<x>[a-z][^,.;:!?]{0,40}?)(?<any>\s+(?:anymore|any\s+more|any\s+longer))?,\s+only\s+(?<y>(?!(?:on|in|at|when|if|for|to|with|after|before|during|at|once|sometimes|occasionally|rarely|a\s+little|\w+ing)\b)[a-z][a-z' -]{0,30}?)(?=\s*(?:[.;:!?]|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NotButOnly();

    [GeneratedRegex(@"\bI\s+(?:have\s+)?(?:(?:just|recently|finally|completely)\s+)?(?:gave|given)\s+up\s+(?:(?<v>drinking|eating|smoking|vaping|playing|running|swimming)\b|(?<x>(?:alcohol|booze|coffee|caffeine|tea|beer|wine|soda|sugar|meat|dairy|gluten|red\s+meat|pork|bread|chocolate|cheese)\b))(?<rest>[^.,;!?]*)", RegexOptions.IgnoreCase)]
    private static partial Regex GaveUp();

    [GeneratedRegex(@"\s+(?:(?:about|around|over|almost)\s+)?(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|several|many|\d+)\s+(?:years?|months?|weeks?|days?)\s+ago|(?:this|last)\s+(?:year|month|week|spring|summer|autumn|fall|winter)|recently|yesterday|today|for\s+good|altogether|completely|cold\s+turkey|since\s+.+|(?:for|after)\s+.+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EndingTail();

    [GeneratedRegex(@"^(?:alcohol|booze|coffee|caffeine|tea|beer|wine|soda)$", RegexOptions.IgnoreCase)]
    private static partial Regex DrinkWord();

    [GeneratedRegex(@"\bI\s+(?:have\s+)?(?:(?:just|finally)\s+)?(?:outgrew|outgrown|grew\s+out\s+of)\s+my\s+(?<x>[\w-]+(?:\s+[\w-]+)?)\s+allergy\b", RegexOptions.IgnoreCase)]
    private static partial Regex OutgrewAllergy();

    [GeneratedRegex(@"\b(?:my\s+(?:doctor|doc|gp|psychiatrist|specialist|consultant|cardiologist|nurse)\s+(?:has\s+)?(?:switched|moved|changed|put)\s+me|I\s+(?:have\s+been|was|got|am\s+being)\s+(?:switched|moved|put)|I\s+(?:have\s+)?switched\s+my\s+(?:meds|medication|medicine|prescription))\s+from\s+(?<a>[\w-]+)\s+to\s+(?<b>[\w-]+(?:\s+\d+\s*mg)?)", RegexOptions.IgnoreCase)]
    private static partial Regex SwitchedMeds();

    [GeneratedRegex(@"\b(?:my|our)\s+(?<x>(?:[\w-]+\s+){0,3}?(?:code|number|email|e-mail|address|pin|password|username|handle|phone|mobile|extension|room|desk|locker|gate|seat|flight|standup|stand-up|meeting|appointment|class|lesson|session|shift|call|sync))\s+(?:has\s+|was\s+|got\s+)?(?:changed|moved|switched|been\s+moved|been\s+changed)\s+to\s+(?:(?<at>(?=\d{1,2}(?::\d{2}|\s*(?:am|pm|a\.m\.|p\.m\.))(?!\w)|noon\b|midnight\b))|(?<on>(?=(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b)))?", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedTo();

    // "I can't have anything with sesame, I'm allergic": what the allergy is to is said before it.
    [GeneratedRegex(@"\bI\s+(?:can't|cannot|can\s+not|don't|do\s+not)\s+(?:have|eat|touch|drink|take)\s+(?:anything\s+(?:with|containing)\s+|any\s+)?(?<x>(?!(?:it|that|this|them|those|these)\b)[a-z][\w -]{1,30}?)\s*(?:,|;|\s-)?\s+(?:(?:because|as|since|cause|cuz|coz)\s+)?I\s+am\s+(?:severely\s+|very\s+|really\s+|badly\s+|seriously\s+|deathly\s+)?allergic(?:\s+to\s+(?:it|them))?(?=\s*(?:[.!?]|$))", RegexOptions.IgnoreCase)]
    private static partial Regex CannotHaveAllergic();

    // "I don't work at Deloitte anymore, I'm at PwC now", "I left my job at Shell and I'm at BP now": after a job that
    // ended, "I'm at" a named place is the new employer ("I left London, I'm at Heathrow now" names no job).
    [GeneratedRegex(@"(?<=\b(?:(?:don't|do\s+not|no\s+longer)\s+work(?:ing)?\s+(?:at|for)|am\s+(?:not|no\s+longer)\s+at\s+(?-i:\p{Lu})|(?:quit|left|lost)\s+my\s+(?:old\s+)?job|resigned|(?:was|got)\s+(?:laid\s+off|fired|let\s+go))\b[^.;!?]{0,50}?(?:,|;|\s-|\band\b|\bbut\b)\s*(?:(?:and|but|so)\s+)?)(?:now\s+)?I\s+am\s+(?:now\s+)?at\s+(?=(?-i:\p{Lu}))", RegexOptions.IgnoreCase)]
    private static partial Regex AtNewEmployer();

    [GeneratedRegex(@"\bI\s+(?:have\s+)?(?:legally\s+|officially\s+)?changed\s+my\s+name\s+to\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ChangedName();

    [GeneratedRegex(@"\bI\s+(?:really\s+|actually\s+)?do\s+(?=(?:drink|eat|like|love|have|speak|smoke|live|work|play|own|take|need|enjoy|use|drive|wear)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex EmphaticDo();

    [GeneratedRegex(@"\b(married|divorced|single|widowed|separated)\s+with\s+(?=(?:\d+|one|two|three|four|five|six|a)\s+(?:kids?|children|sons?|daughters?|boys?|girls?)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex MarriedWithKids();

    // "I'm 34, live in Lyon and have two cats": a verb after a comma has the user as its subject too.
    [GeneratedRegex(@"(?<=\bI\b[^.;!?]*?),\s+(?:and\s+)?(?=(?:" + CommaVerbs + @")\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ElidedAfterComma();

    // "I'm vegan and allergic to soy", "I'm a nurse, married ...": a state after "I am ..." is the user's too.
    [GeneratedRegex(@"(?<=\bI\s+am\b[^.;!?]*?)(?:,\s+(?:and\s+)?|\s+and\s+)(?=(?:" + StateWords + @")\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ElidedAm();

    [GeneratedRegex(@"(?m)^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]+(?<item>[^\n]+?)[ \t]*$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^(?:" + ElidedVerbs + @")\b", RegexOptions.IgnoreCase)]
    private static partial Regex ItemVerb();

    [GeneratedRegex(@"^(?:(?:a|an)\s+\w|(?:" + StateWords + @")\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ItemState();

    [GeneratedRegex(@"(?:[^aeiou][aeiou][kcvtzgd]|[^aeiou]ak|ok|uc|[^aeiouy]at|ar|iv|ud|us|rg)$")]
    private static partial Regex SilentE();

    [GeneratedRegex(@"\b(?:I\s+)?(?:(?:just|recently|finally)\s+)?(?:switched|changed)\s+(?:jobs|companies|employers)\s*(?:,|;|-|and)?\s*(?:I\s+am\s+|I\s+work\s+|I'm\s+)?now\s+(?:working\s+)?(?:at|with|for)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex SwitchedJobs();

    [GeneratedRegex(@"\b(?:(?:it\s+)?turns?\s+out(?:\s+that)?|(?:my|the)\s+(?:doctor|doc|gp|allergist|dermatologist|specialist|consultant|(?:allergy\s+|blood\s+)?tests?|(?:test\s+)?results?)\s+(?:says?|said|shows?|showed|confirmed|confirms?|told\s+me|proved|proves?)(?:\s+that)?),?\s+I\s+am\s+not\s+(?:actually\s+|really\s+)?(?<rest>(?:allergic|intolerant|celiac|coeliac|diabetic|anaemic|anemic|pregnant|vegan|vegetarian)\b[^.!?;,]*)", RegexOptions.IgnoreCase)]
    private static partial Regex FoundNotTo();

    [GeneratedRegex(@"\b(?:(?:it\s+)?turns?\s+out(?:\s+that)?|(?:my|the)\s+(?:doctor|doc|gp|allergist|dermatologist|specialist|consultant|(?:allergy\s+|blood\s+)?tests?|(?:test\s+)?results?)\s+(?:says?|said|shows?|showed|confirmed|confirms?|told\s+me|proved|proves?)(?:\s+that)?),?\s+(?=I\s+am\s+(?:actually\s+)?(?:allergic|intolerant|celiac|coeliac|diabetic|anaemic|anemic|pregnant)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex FoundOut();

    [GeneratedRegex(@"\b(?:moved|relocated|emigrated|moving|relocating)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Moved();

    // A time that makes any stay temporary ("I live in a hotel in Dubai this month").
    [GeneratedRegex(@"\b(?:right\s+now|at\s+the\s+moment|atm|today|tonight|tomorrow|next\s+(?:week|weekend|month)|this\s+(?:week|weekend|month|morning|afternoon|evening)|for\s+(?:now|the\s+(?:week|weekend|night|day)|a\s+(?:few|couple\s+of)\s+(?:days|weeks|nights)|(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|nights?))|temporarily|hotel|hostel|airbnb)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StayCue();

    // A reason or a span that makes "I'm in X" / "I'm living in X" a stay ("I live in London for work" stays a home).
    [GeneratedRegex(@"\b(?:this\s+(?:summer|winter|spring|autumn|fall|month)|for\s+(?:the\s+(?:month|summer|winter|holidays?|conference|wedding|meeting)|a\s+(?:few|couple\s+of)\s+months|(?:a|one|two|three|four|five|six|\d+)\s+months?|work|business|a\s+(?:conference|wedding|meeting|trip|visit|holiday|vacation|funeral|course|workshop))|until|till|on\s+(?:holiday|vacation|business|a\s+(?:trip|holiday|vacation|business\s+trip|work\s+trip|layover|stopover|visit))|visiting|layover|stopover|(?:business|work|road)\s+trip|conference)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PurposeCue();

    [GeneratedRegex(@"^I\s+am\s+(?:\w+\s+)?(?:in|living\s+in|staying\s+in|based\s+in)\b", RegexOptions.IgnoreCase)]
    private static partial Regex AmSomewhere();

    [GeneratedRegex(@"^I\s+am\s+(?:currently\s+|now\s+|still\s+)?in\s+", RegexOptions.IgnoreCase)]
    private static partial Regex WeakWhereabouts();

    [GeneratedRegex(@"\b(?:visiting|trip|travel(?:l)?ing|holiday|vacation|hotel|hostel|airbnb|layover|stopover|conference|tourist|sightseeing)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TripCue();

    [GeneratedRegex(@"^I(?:'m|\s+am)\s+(?:currently|presently)\s+in\b", RegexOptions.IgnoreCase)]
    private static partial Regex CurrentlyIn();

    /// <summary>"His name is Bruno" after "I have a dog": names the pet or relative just mentioned.</summary>
    private static bool NameFor(List<Statement> result, string name)
    {
        var index = result.FindLastIndex(s => s.Action == FactAction.Assert && !s.Draft.Text.Contains(" named ", StringComparison.Ordinal) &&
                                              (s.Draft.Slot is FactSlots.Pet or FactSlots.Family || PetOrRelative().IsMatch(s.Draft.Text)));
        if (index < 0)
        {
            return false;
        }

        var s = result[index];
        result[index] = s with { Draft = s.Draft with { Text = $"{s.Draft.Text} named {name}", Subject = $"{s.Draft.Subject} {name.ToLowerInvariant()}".Trim() } };
        return true;
    }

    // Role play and fiction: nothing in the message is about the user.
    [GeneratedRegex(@"\blet(?:'s|\s+us)\s+(?:play|pretend|act|role-?\s?play|imagine)\b|\brole-?\s?play|\bplay\s+along\b|\bin\s+(?:this|the|my|our)\s+(?:story|game|novel|scene|campaign|role-?play)\b|\bmy\s+character\b|\bpretend\s+(?:I|I'm|I\s+am|that|to|you)\b|\b(?:I'll|I\s+will)\s+be\s+the\s+\w+\s+and\s+you\b|\byou\s+be\s+the\b|\bact\s+out\b|\bfor\s+this\s+(?:d&d|dnd|game|session|campaign)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Fiction();

    // "Translate to French: ...", "Summarize this: ...", "Here is a paragraph: ...": the rest is someone's text.
    [GeneratedRegex(@"(?:^|(?<=[.!?]\s)|(?<=\n))\s*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|help\s+me)\s+)?(?:translate|summari[sz]e|proofread|rewrite|re-write|rephrase|paraphrase|reword|shorten|condense|edit|fix|correct|polish|improve|check|tl;?\s?dr|make\s+(?:this|it)|give\s+me\s+(?:a\s+summary|the\s+(?:key|main)\s+points|a\s+tl;?dr)|write\s+(?:a|an|the)\s+[\w -]{0,30}summary|here(?:'s|\s+is|\s+are)|the\s+following|below\s+is)\b[^:\n]{0,80}:", RegexOptions.IgnoreCase)]
    private static partial Regex TextTask();

    [GeneratedRegex("[\"«„“][^\"«»„“”]{0,400}[\"»”“]")]
    private static partial Regex DoubleQuoted();

    // 'quoted text' (apostrophes inside words, as in I'm, do not end it).
    [GeneratedRegex(@"(?<![\p{L}\p{N}])'(?:[^']|(?<=\p{L})'(?=\p{L})){2,400}?'(?![\p{L}])")]
    private static partial Regex SingleQuoted();

    // "I'm blind and use a screen reader", "I was born in Accra but grew up in Birmingham": the second verb's subject
    // is the user too.
    [GeneratedRegex(@"(?<=\bI\b(?:(?!\b(?:he|she|they|you|it|we|his|her|their|to|ll|d|will|would|can|could|might|should|must|want|wanted|wanna|need|gonna|going|why|how|what|whether)\b)[^,.;!?])*?)\s+(?:and|but)\s+(?:also\s+|just\s+|then\s+|now\s+)?(?=(?:use|take|need|have|speak|grew|live|work|love|like|hate|play|own|drive|run|moved|retired|was|study|teach|volunteer|ride|keep|eat|drink|make|sing|collect|paint|enjoy|rely|navigate|wear|walk|cycle|swim|surf|knit|cook|bake|rent|got|became|joined|started)\b)")]
    private static partial Regex ElidedSubject();

    [GeneratedRegex(@"\b(?:\w+\s+)?languages\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LanguagesList();

    // A casual self-introduction lists facts without verbs: "I'm Sam, 29, living in Leeds", "I'm Ana, 34, from
    // Porto". The age after the name becomes its own clause ...
    [GeneratedRegex(@"(?<=(?:^|[.!?]\s*)(?i:(?:hi|hello|hey|hiya|yo)(?:\s+there)?[,!]*\s*)?)(I am \p{L}[\p{L}'-]*),\s*(\d{1,3})(?=\s*(?:[,.!?]|$))")]
    private static partial Regex IntroAge();

    // ... and so does a verbless tail of an "I am" clause ("living in", "based in", "working as", "from").
    [GeneratedRegex(@"(?<=\bI am [^.!?,]{1,40}(?:,\s*[^.!?,]{1,20})?)\s*,\s*(?=(?:living|based|working)\s+(?:in|at|for|as|near)\b|studying\s+\p{L}|from\s+\p{Lu})", RegexOptions.IgnoreCase)]
    private static partial Regex IntroTail();

    [GeneratedRegex(@"^(?:his|her|its|their)\s+name(?:'s|\s+is)\s+(?<v>[A-Z][a-z]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex OwnName();

    [GeneratedRegex(@"\b(?:dog|cat|puppy|kitten|parrot|rabbit|bunny|hamster|fish|turtle|tortoise|snake|lizard|horse|bird|ferret|budgie|gecko|pony|greyhound|retriever|terrier|spaniel|beagle|poodle|labrador|collie|son|daughter|baby|child|kid|brother|sister|wife|husband|partner|boyfriend|girlfriend)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex PetOrRelative();

    [GeneratedRegex(@"\b(?:anymore|any\s+more|any\s+longer|no\s+longer|after\s+all)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeCue();

    [GeneratedRegex(@"^(?:we\s+(?:all|each|can|could)|all\s+of\s+us|each\s+of\s+us)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeEveryone();

    [GeneratedRegex(@"^((?:my|our)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+)'s\s+(?=(?:a|an)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex PossessiveIsA();

    [GeneratedRegex(@"^we\s+both\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeBoth();

    [GeneratedRegex(@"^we(?:\s+are|'re)\b", RegexOptions.IgnoreCase)]
    private static partial Regex WeAre();

    [GeneratedRegex(@"^we\s+", RegexOptions.IgnoreCase)]
    private static partial Regex We();

    [GeneratedRegex(@"^our\s+", RegexOptions.IgnoreCase)]
    private static partial Regex Our();

    [GeneratedRegex(@"^I\s+am\s+(?:so\s+|really\s+|very\s+|super\s+|truly\s+)?(?:lucky|blessed|grateful|thankful|fortunate)\s+to\s+have\s+my\s+(?=(?:wife|husband|partner|boyfriend|girlfriend|kids|children|son|daughter|sons|daughters|twins|parents|mum|mom|dad|brother|sister|brothers|sisters|siblings|grandchildren)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex LuckyToHave();

    // "My husband and I both work at the same hospital": "both" goes with the pair (it was read as the verb: "The user
    // boths work ...").
    [GeneratedRegex(@"^my\s+[a-z]+\s+and\s+I\b", RegexOptions.IgnoreCase)]
    private static partial Regex SomeoneAndI();

    // ... and the clause after the split before "and I": "I both work ...".
    [GeneratedRegex(@"^I\s+(?:both|each)\s+(?=[a-z])", RegexOptions.IgnoreCase)]
    private static partial Regex IBoth();

    [GeneratedRegex(@"^(?:(?<born>born)\b|(?<am>(?:not\s+)?(?:a\s+)?(?:big\s+|huge\s+|massive\s+)?fan\s+of\b|allergic\s+to\b|originally\s+from\b)|(?<have>been\s+(?:working|living|studying|learning)\b)|(?:just\s+|recently\s+)?(?:moved|relocated|lost\s+my\s+job|started\s+(?:at\s+(?=(?-i:\p{Lu}))|a\s+new\s+job\b)|(?:got|landed)\s+a\s+(?:new\s+)?job\s+(?:at|with)\s+(?=(?-i:\p{Lu}))|got\s+hired\s+(?:at|by)\s+(?=(?-i:\p{Lu})))\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ElidedI();

    [GeneratedRegex(@"\bborn\s+and\s+(?:raised|bred)\s+in\b", RegexOptions.IgnoreCase)]
    private static partial Regex BornAndRaised();

    [GeneratedRegex(@"^I\s+am\s+(?:actually|really|also|still|honestly|definitely|totally|currently|so)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AmFiller();

    [GeneratedRegex(@"^I\s+(?:try|am\s+trying)\s+to\s+(?=avoid|eat|limit|cut)", RegexOptions.IgnoreCase)]
    private static partial Regex TryTo();

    [GeneratedRegex(@"^(?<t>next\s+\w+|tomorrow|tonight|this\s+(?:week|weekend|month|year|summer|winter|spring|autumn|fall)|in\s+my\s+(?:spare|free|down)\s+time|(?:on|at)\s+(?:the\s+)?weekends?|on\s+(?:mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays)|(?:every|most)\s+(?:days?|mornings?|evenings?|nights?|weekends?|week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|after\s+work|before\s+work)\s*,?\s+(?<c>I\b.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingTime();

    [GeneratedRegex(@"^I\s+(?:have|'ve)\s+been\s+(?!to\b|told\b|asked\b|thinking\b|wondering\b|trying\b|looking\b|meaning\b|waiting\b)(?<rest>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex HaveBeen();

    [GeneratedRegex(@"\s+(?:for\s+(?:(?:over|about|almost|nearly|more\s+than)\s+)?(?:\w+\s+)?(?:years?|months?|weeks?|days?|decades?|ages|a\s+while|a\s+long\s+time)|since\s+.+)(?:\s+(?:now|already|so\s+far))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Duration();
}

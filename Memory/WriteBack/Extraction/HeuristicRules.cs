using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>The heuristic extractor's first-person patterns. Each rule is anchored at the start of a clause
/// ("I ...", "my ..."), so statements about other people ("my friend lives in Rome", "she is vegan") never match
/// a rule about the user. Rules live in partial files by theme.</summary>
internal static partial class HeuristicRules
{
    private static readonly TimeSpan MatchTimeout = Text.RegexBudget.Timeout;

    private static readonly Lazy<IReadOnlyList<Rule>> ThemedRules = new(() =>
        [.. IdentityRules(), .. WorkRules(), .. PreferenceRules(), .. PeopleRules(), .. ScheduleRules()]);

    private static readonly Lazy<IReadOnlyList<Rule>> AllRules = new(() => [.. ThemedRules.Value, .. GeneralRules()]);

    /// <summary>Every fact the clause states about the user (empty when none). <paramref name="general"/> adds the
    /// fallback rules for any plain first-person statement (extraction); without it only the themed rules with known
    /// slots apply (reading the slot of a stored memory).</summary>
    public static IReadOnlyList<FactDraft> Apply(string clause, bool general = false)
    {
        var drafts = new List<FactDraft>();
        foreach (var rule in general ? AllRules.Value : ThemedRules.Value)
        {
            Match match;
            try
            {
                match = rule.Pattern.Match(clause);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (!match.Success)
            {
                continue;
            }

            foreach (var draft in rule.Build(match))
            {
                if (!drafts.Exists(d => d.Slot == draft.Slot && d.Subject == draft.Subject))
                {
                    drafts.Add(draft);
                }
            }

            if (drafts.Count > 0 && rule.Exclusive)
            {
                break;
            }
        }

        return drafts;
    }

    private sealed record Rule(Regex Pattern, Func<Match, IEnumerable<FactDraft>> Build, bool Exclusive = false);

    private static Regex R(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    private static Rule Make(string pattern, Func<Match, IEnumerable<FactDraft>> build, bool exclusive = false) =>
        new(R(pattern), build, exclusive);

    private static Rule One(string pattern, Func<Match, FactDraft?> build, bool exclusive = false) =>
        new(R(pattern), m => build(m) is { } d ? [d] : [], exclusive);

    private static FactDraft Draft(string slot, string? subject, string text) =>
        new(slot, subject is null ? null : TextNormalizer.SubjectKey(subject), text);

    // ---- value clean-up -------------------------------------------------------------------------------------

    private static readonly Regex TrailingFiller = R(
        @"\s+((just\s+)?like\s+(me|us)|now|today|currently|these\s+days|nowadays|at\s+the\s+moment|right\s+now|again|anymore|any\s+more|any\s+longer|after\s+all|too|as\s+well|though|anyway|actually|lol|haha|please|originally|thanks|recently|lately|already|full[- ]time|last\s+(year|yr|month|mo|week|wk|summer|winter|spring|fall|autumn|night|weekend|(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\w*)|this\s+(year|month|week)|yesterday|the\s+other\s+day|earlier\s+today|((about|around|almost|nearly|over|roughly|some|just|only)\s+)?(a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|few|a\s+few|couple\s+of|a\s+couple\s+of|several|\d+)\s+(days?|weeks?|months?|years?)\s+ago|not\s+(so|that|too)\s+long\s+ago|a\s+((little|long)\s+)?while\s+(ago|back)|ages\s+ago|in\s+(19|20)\d\d|since\s+(19|20)\d\d|since\s+(last\s+)?\w+|for\s+(a|an|one|two|three|four|five|six|ten|many|several|a\s+few|a\s+couple\s+of|\d+)\s+(days?|weeks?|months?|years?|decades?)|(on|every)\s+(weekends?|weekdays?))$");

    private static readonly Regex ClauseBoundary = R(
        @"\s*(,(?!\d)|(?<!\d),|;|:(?![\w])|\s-\s|(?<=\w)-\s|\(|\bbecause\b|\bsince\b|\bso\b(?!\s+long\s+ago)|\bbut\b|\bwhich\b|\bwhere\b|\bwho\b|\bthough\b|\balthough\b|\bwhile\b|\bwhen\b|\bif\b|\bunless\b)");

    private static readonly Regex ListBoundary = R(
        @"\s*(;|:(?![\w])|\s-\s|(?<=\w)-\s|\(|,\s*(?=(the|a|an|my|his|her|their|our)\s+\w+(\s+\w+)?\s+(is|are|was|were)\b)|,\s*(?=(it|that|this|which|I|I'm|but|so|because|they|he|she|you|especially|mostly|though)\b)|\bbecause\b|\bsince\b|\bso\b(?!\s+long\s+ago)|\bbut\b|\bwhich\b|\bwhere\b|\bwho\b|\bthough\b|\balthough\b|\bwhile\b|\bwhen\b|\bif\b|\bunless\b)");

    private static readonly Regex PlaceBoundary = R(@"\s+(with|for|near|since|on|after|before|from|and\s+work|and\s+I)\b");

    private static readonly Regex Pronoun = R(
        @"^((?-i:I)(?=\s)|(?:his|their|its)\s|it|that|this|these|those|them|him|her|me|myself|us|ourselves|they|he|she|we|you|your|yours|everything|nothing|something|anything|so|such|what|how|when|the\s+idea|the\s+way|the\s+fact|hearing\s+(?:that|this|it|about|from|you)|reading\s+your|talking\s+to\s+you|chatting)\b(?!/)"); // "they/them" is a value (pronouns)

    // What is left of an elliptical clause ("Yeah, I love to.", "our stories can be so ..."): no value at all.
    private static readonly Regex BareWord = R(@"^(to|be|do|so|too|much|more|often|well|really|a\s+lot|to\s+be\s+honest|honestly|in|on|up|out|along|over|around|back|off|away|near)$");

    // A value that only means something in the chat around it ("try that", "check it out", "the taste of these") or
    // that speaks for a group ("back each other up").
    private static readonly Regex Unanchored = R(@"(?<![\w/-])(it|that|this|these|those|them)(\s+(out|up|over|back|off|again|too))?$|\b(each\s+other|one\s+another)\b|\b(is|are|was|were|be)$");

    // A value that points back into the chat inside it ("making it tonight", "having them around", "those fantasy
    // worlds", "books that take me there", "another one"), or that a cut left without its end ("working on for a",
    // "tips from other parents and"; a preposition a relative clause strands is kept: "the shelter I volunteer at").
    // What a group does together, said with "we" ("we make a great team", "we've played together for years", "we
    // grew really close", "we've gotta do what we can"): about the group and the moment, not a lasting fact about the user.
    private static readonly Regex Collective = R(@"\b(?:played|adventures|been)\s+together\b|\ba\s+blast\b|\bas\s+a\s+team\b|\ba\s+(?:great|good|strong|real)\s+(?:team|bond)\b|^a\s+strong\s+bond\b|\bwhat\s+(?:we|I)\s+can\b|^(?:really\s+|so\s+)?close$|^(?:all\s+)?the\s+time$|^during\b");

    private static readonly Regex Anaphoric = R(@"(?<![\w/'-])(it|them|these|those)(?![\w/'-])|(?<![\w/-])(there|(another|the\s+other|this|that)\s+one)$|(?<![\w/'-])(a|an|the|and|or|of|my|our|your)$|(?<!\b(?:I|we)\s+\w+\s+)(?<![\w/'-])(for|to|with|from|by|as|at)$");

    private static readonly Regex PlaceStop = R(
        @"^(a|an|my|our|his|her|their|this|that|here|there|fear|hope|peace|denial|luxury|poverty|debt|sin|harmony|misery|comfort|the\s+(moment|past|present|future|now|meantime|middle|same|city|country|house|flat|apartment|suburbs|countryside|area|room|dark|shadows))\b");

    // "we moved to bergen in june", "moved to Lyon back in 2019": when, not where (a place never ends in a month).
    private static readonly Regex PlaceTime = R(
        @"\s+(?:(?:back|early|late)\s+)?(?:in|since|during|over|this|last|from|until|till)\s+(?:(?:early|late|mid)[\s-]+)?(?:the\s+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|spring|summer|autumn|fall|winter|holidays|(?:19|20)\d\d)(?:\s+(?:19|20)\d\d)?$");

    private static readonly Regex InnerPlace = R(@"\bin\s+(?<v>(the\s+)?[A-Z][\w'.-]*(\s+[A-Z][\w'.-]*){0,3})");

    /// <summary>The captured value without trailing filler and the rest of the sentence, or null when unusable.</summary>
    private static string? Value(string raw, int maxWords = 8, bool place = false, bool list = false)
    {
        var v = raw.Trim();
        var cut = (list ? ListBoundary : ClauseBoundary).Match(v);
        if (cut.Success && cut.Index > 0)
        {
            v = v[..cut.Index];
        }

        if (place)
        {
            var placeCut = PlaceBoundary.Match(v);
            if (placeCut.Success && placeCut.Index > 0)
            {
                v = v[..placeCut.Index];
            }
        }

        string previous;
        do
        {
            previous = v;
            v = TrailingFiller.Replace(v, string.Empty).Trim().TrimEnd('.', '!', '?', ',', ';', ':', '"', '\'', ')').Trim();
        }
        while (v != previous && v.Length > 0);

        if (v.Length == 0 || v.Length > 80 || v.Split(' ').Length > maxWords || Pronoun.IsMatch(v) || BareWord.IsMatch(v) || Unanchored.IsMatch(v) ||
            Anaphoric.IsMatch(v) || Collective.IsMatch(v))
        {
            return null;
        }

        return TextNormalizer.ToThirdPerson(v);
    }

    /// <summary><paramref name="value"/> without the time phrases and asides a value ends with ("Door Dash this
    /// month", "last month").</summary>
    internal static string WithoutTrailingFiller(string value)
    {
        var v = " " + value.Trim();
        string previous;
        do
        {
            previous = v;
            v = TrailingFiller.Replace(v, string.Empty);
        }
        while (v != previous && v.Length > 0);

        return v.Trim();
    }

    /// <summary>A place name: a proper noun ("Porto", "the Netherlands", lower-case "porto" title-cased).</summary>
    private static string? Place(string raw)
    {
        var v = Value(PlaceTime.Replace(raw.Trim().TrimEnd('.', '!', '?'), string.Empty), maxWords: 5, place: true);
        if (v is null)
        {
            return null;
        }

        if (PlaceStop.IsMatch(v))
        {
            var inner = InnerPlace.Match(raw);
            return inner.Success ? Place(inner.Groups["v"].Value) : null;
        }

        if (v.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            return v.Length > 4 && char.IsUpper(v[4]) ? "the " + v[4..] : null;
        }

        return v.Any(char.IsDigit) ? null : TextNormalizer.TitleCase(v);
    }

    /// <summary>An employer or school: "Google", "a bank", lower-case single words title-cased.</summary>
    private static string? Organization(string raw)
    {
        var v = Value(raw, maxWords: 6, place: true);
        if (v is null)
        {
            return null;
        }

        return v.Contains(' ', StringComparison.Ordinal) ? v : TextNormalizer.TitleCase(v);
    }

    /// <summary>A person's or pet's name: one to three words, no digits.</summary>
    private static string? PersonName(string raw)
    {
        var v = Value(raw, maxWords: 3);
        if (v is null || v.Any(c => char.IsDigit(c) || c is '@' or '/' or '#'))
        {
            return null;
        }

        var first = v.Split(' ')[0].ToLowerInvariant();
        return first is "not" or "a" or "an" or "the" or "secret" or "none" or "private" or "irrelevant" or "unknown"
            ? null
            : TextNormalizer.TitleCase(v);
    }

    /// <summary>The partner named in "engaged to ..." / "married to ...": a name ("Ana", "my girlfriend Ana"), never
    /// a thing ("my second job", "the sea", "my work").</summary>
    private static string? PartnerName(string raw)
    {
        var r = PartnerLead.Replace(raw.Trim(), string.Empty);
        return NotAPartner.IsMatch(r) ? null : PersonName(r);
    }

    private static readonly Regex PartnerLead = R(@"^(?:my|our)\s+(?:long-?time\s+|high\s+school\s+|college\s+)?(?:girlfriend|boyfriend|partner|fianc[eé]e?|wife|husband)\s*,?\s+(?=(?-i:\p{Lu}))");

    private static readonly Regex NotAPartner = R(@"^(?:my|our|your|his|her|their|its|the|a|an|this|that|these|those|some|work|job|career|music|art|life|science|code|coding|food|cooking|sport|sports|it)\b|\d");

    private static readonly Regex ListSeparator = R(@"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+");

    private static readonly HashSet<string> Compounds = new(StringComparer.OrdinalIgnoreCase)
    {
        "rock and roll", "rock 'n' roll", "drum and bass", "rhythm and blues", "fish and chips", "mac and cheese",
        "salt and pepper", "dungeons and dragons", "pride and prejudice", "peanut butter and jelly", "black and white",
        "sweet and sour", "tom and jerry", "law and order", "hip hop and r&b",
    };

    /// <summary>Splits "hiking, climbing and skiing" into items, keeping known compounds ("rock and roll") whole.</summary>
    private static IEnumerable<string> Items(string value)
    {
        if (Compounds.Contains(value))
        {
            return [value];
        }

        var parts = ListSeparator.Split(value).Where(p => p.Length > 0).ToList();
        return parts.Count > 1 && parts.All(p => p.Split(' ').Length <= 4 && !Pronoun.IsMatch(p)) ? SharedHead(parts) : [value];
    }

    /// <summary>"action and sci-fi movies", "Italian and Thai food": the words before the last item qualify its head
    /// noun too ("action movies", "Italian food"), when each is a single word that is not a noun of its own (a plural,
    /// a gerund: "climbing, sliding and playing games" stays three items).</summary>
    private static List<string> SharedHead(List<string> parts)
    {
        var last = parts[^1].Split(' ');
        if (last.Length < 2 || !SharedHeads.Contains(last[^1]) ||
            !parts.Take(parts.Count - 1).All(p => !p.Contains(' ', StringComparison.Ordinal) &&
                                                  !p.EndsWith('s') && !p.EndsWith("ing", StringComparison.OrdinalIgnoreCase)))
        {
            return parts;
        }

        return [.. parts.Take(parts.Count - 1).Select(p => $"{p} {last[^1]}"), parts[^1]];
    }

    private static readonly HashSet<string> SharedHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "movies", "films", "shows", "series", "books", "novels", "music", "songs", "games", "food", "cuisine", "dishes",
        "flavors", "flavours", "podcasts", "documentaries", "comics", "stories", "restaurants", "cooking", "dramas",
    };

    private static string ThirdPersonVerb(string verb)
    {
        var v = verb.ToLowerInvariant();
        return v switch
        {
            "have" => "has",
            "do" => "does",
            "go" => "goes",
            "am" or "'m" => "is",
            _ when v.EndsWith('y') && v.Length > 2 && !"aeiou".Contains(v[^2], StringComparison.Ordinal) => v[..^1] + "ies",
            _ when v.EndsWith('s') || v.EndsWith('x') || v.EndsWith("ch", StringComparison.Ordinal) || v.EndsWith("sh", StringComparison.Ordinal) || v.EndsWith('o') => v + "es",
            _ => v + "s",
        };
    }

    private static string Article(string noun) =>
        noun.Length > 0 && "aeiouAEIOU".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";
}

using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

internal static partial class HeuristicRules
{
    private const string LivePrefix =
        @"^(?:I|we)\s+(?:currently\s+|now\s+|still\s+|actually\s+|also\s+)?(?:live|reside|stay|am\s+living|'m\s+living|are\s+living|'re\s+living|have\s+been\s+living|'ve\s+been\s+living|have\s+lived|'ve\s+lived|am\s+based|'m\s+based|are\s+based|am\s+located|'m\s+located|am\s+settled|'m\s+settled)";

    // "Tokyo, Seoul and now Taipei": the place after "now" ends the clause (one to four capitalised words).
    private static readonly Regex NowInPlaceList = R(@"(?:,|\band\b)\s*(?:(?:and|but)\s+)?now\s+(?:in\s+)?(?<v>(?-i:\p{Lu})[\p{L}'.-]*(?:\s+(?-i:\p{Lu})[\p{L}'.-]*){0,3})\s*[.!]*$");

    // A list of places: two commas before capitalised words, or "and" between two ("Tokyo, Seoul and Taipei", "Leeds and
    // York"); "Portland, Oregon" (a town and its region) is no list.
    private static readonly Regex PlaceList = R(@"(?-i:\p{Lu})[\p{L}'.-]*\s*,\s*(?-i:\p{Lu})[^,]*,\s*(?:and\s+)?(?-i:\p{Lu})|(?-i:\p{Lu})[\p{L}'.-]*\s+and\s+(?-i:\p{Lu})");

    private static readonly Regex HaveLived = R(@"^(?:I|we)\s+(?:have|'ve)\s+(?:also\s+)?lived\b");

    private static readonly Regex MultiBlank = R(@"\s+");

    private static readonly Regex AndSeparator = R(@"\s*,?\s+(?:and|&)\s+");

    /// <summary>"Tokyo, Seoul and Taipei": each place the user has lived in, one fact each (as lists of allergies or
    /// likes are). A town with its region stays one place: "Portland, Oregon and Austin, Texas" is two (when the last
    /// item has a comma of its own, the commas join a town to its region, and only "and" separates places).</summary>
    private static IEnumerable<FactDraft> PlacesLivedIn(string raw)
    {
        var v = raw.Trim().TrimEnd('.', '!', '?');
        var cut = ListBoundary.Match(v);
        if (cut.Success && cut.Index > 0)
        {
            v = v[..cut.Index];
        }

        var placeCut = PlaceBoundary.Match(v);
        if (placeCut.Success && placeCut.Index > 0)
        {
            v = v[..placeCut.Index];
        }

        v = PlaceTime.Replace(WithoutTrailingFiller(v), string.Empty);
        var parts = AndSeparator.Split(v);
        var items = parts[^1].Contains(',', StringComparison.Ordinal)
            ? parts
            : [.. parts[..^1].SelectMany(p => p.Split(',')), parts[^1]];
        var drafts = new List<FactDraft>();
        foreach (var item in items)
        {
            if (Place(item) is { } p && !drafts.Exists(d => d.Subject == TextNormalizer.SubjectKey($"lived in {p}")))
            {
                drafts.Add(Draft(FactSlots.Other, $"lived in {p}", $"The user has lived in {p}"));
            }
        }

        return drafts;
    }

    private static IEnumerable<Rule> IdentityRules() =>
    [
        One(@"^my\s+(?:full\s+|real\s+|first\s+)?name(?:'s|\s+is)\s+(?<v>.+)$",
            m => PersonName(m.Groups["v"].Value) is { } n ? Draft(FactSlots.Name, n, $"The user's name is {n}") : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+called\s+(?<v>.+)$",
            m => PersonName(m.Groups["v"].Value) is { } n ? Draft(FactSlots.Name, n, $"The user's name is {n}") : null, exclusive: true),
        One(@"^(?:you\s+can\s+|please\s+|just\s+|always\s+|everyone\s+|people\s+|friends\s+)?call\s+me\s+(?<v>.+)$",
            m => PersonName(m.Groups["v"].Value) is { } n ? Draft(FactSlots.Nickname, n, $"The user prefers to be called {n}") : null, exclusive: true),
        One(@"^I\s+go\s+by\s+(?<v>.+)$",
            m => PersonName(m.Groups["v"].Value) is { } n ? Draft(FactSlots.Nickname, n, $"The user prefers to be called {n}") : null, exclusive: true),
        One(@"^I(?:'m|\s+am)\s+(?:now\s+)?(?<v>\d{1,3})(?:\s+years?\s+old|\s+yo|\s+y/o)?(?:\s+(?:now|already|today))?$",
            m => int.TryParse(m.Groups["v"].Value, out var age) && age is >= 5 and <= 120
                ? Draft(FactSlots.Age, null, $"The user is {age} years old")
                : null, exclusive: true),
        // "I turned 35 yesterday": the same fact as "I'm 35".
        One(@"^I\s+(?:(?:just|recently|finally)\s+)?turned\s+(?<v>\d{1,3})(?:\s+years?\s+old)?(?<rest>(?:\s+[\w]+){0,3})$",
            m => int.TryParse(m.Groups["v"].Value, out var age) && age is >= 5 and <= 120 && WithoutTrailingFiller(m.Groups["rest"].Value).Length == 0
                ? Draft(FactSlots.Age, null, $"The user is {age} years old")
                : null, exclusive: true),
        // "I'm 1.93 m tall", "I am 180 cm tall", "I'm 6 ft 2 tall": one height, replaced when it changes.
        One(@"^I(?:'m|\s+am)\s+(?:about\s+|around\s+)?(?<v>\d{1,3}(?:[.,]\d{1,2})?\s*(?:m|cm|metres?|meters?|ft|feet|foot|')(?:\s*\d{1,2}(?:\s*(?:in|inches|""))?)?)\s+tall$",
            m => Draft(FactSlots.Other, "height", $"The user is {m.Groups["v"].Value} tall"), exclusive: true),
        // "I'm 5'10"", "I'm 6 ft 2": a height in feet and inches needs no "tall".
        One(@"^I(?:'m|\s+am)\s+(?:about\s+|around\s+)?(?<v>\d\s*(?:'|ft|feet|foot)\s*\d{1,2}\s*(?:""|in|inches|'')?)$",
            m => Draft(FactSlots.Other, "height", $"The user is {m.Groups["v"].Value} tall"), exclusive: true),
        // "I'm about 95 kg right now", "I weigh 12 stone": one weight, replaced when it changes.
        One(@"^I\s+(?:(?:'m|am)\s+|weigh\s+)(?<about>(?:about|around|roughly|almost|nearly|over|under)\s+)?(?<v>\d{2,3}(?:[.,]\d{1,2})?\s*(?:kg|kgs|kilos?|kilograms?|lbs?|pounds|stone))(?:\s+(?:right\s+now|now|at\s+the\s+moment|currently|these\s+days))?$",
            m => Draft(FactSlots.Other, "weight", $"The user weighs {m.Groups["about"].Value}{m.Groups["v"].Value}"), exclusive: true),
        One(@"^my\s+birthday\s+is\s+(?:on\s+)?(?<v>.+)$",
            m => Value(m.Groups["v"].Value, 4) is { } v ? Draft(FactSlots.Birthday, null, $"The user's birthday is {v}") : null, exclusive: true),
        Make(@"^(?:I|we)\s+(?:have\s+|'ve\s+|had\s+)?(?:just\s+|recently\s+|finally\s+|now\s+|also\s+)*(?:moved|relocated|emigrated|moved\s+back|moved\s+house)\s+(?:from\s+(?<from>.+?)\s+)?(?:to|back\s+to|over\s+to)\s+(?<v>.+)$",
            m => Place(m.Groups["v"].Value) is { } p ? [Draft(FactSlots.Location, p, $"The user lives in {p}")] : [], exclusive: true),
        Make(LivePrefix + @"\s+(?<p>in|near|outside\s+of|outside|just\s+outside(?:\s+of)?|close\s+to|on\s+the\s+outskirts\s+of)\s+(?<v>.+)$",
            m =>
            {
                // A list of places: "now" names the current one ("I've lived in Tokyo, Seoul and now Taipei"); without
                // it, "have lived in" several places says where the user has been, each of them, not where they live.
                var value = m.Groups["v"].Value;
                if (NowInPlaceList.Match(value) is { Success: true } now)
                {
                    value = now.Groups["v"].Value;
                }
                else if (PlaceList.IsMatch(value) && HaveLived.IsMatch(m.Value))
                {
                    return PlacesLivedIn(value);
                }

                if (Place(value) is not { } p)
                {
                    return [];
                }

                var preposition = MultiBlank.Replace(m.Groups["p"].Value.ToLowerInvariant(), " ");
                return [Draft(FactSlots.Location, p, $"The user lives {preposition} {p}")];
            }, exclusive: true),
        One(@"^(?:my\s+home(?:town)?\s+is|home\s+(?:for\s+me\s+)?is)\s+(?:in\s+)?(?<v>.+)$",
            m => Place(m.Groups["v"].Value) is { } p
                ? m.Value.Contains("hometown", StringComparison.OrdinalIgnoreCase)
                    ? Draft(FactSlots.Origin, p, $"The user's hometown is {p}")
                    : Draft(FactSlots.Location, p, $"The user lives in {p}")
                : null, exclusive: true),
        // "a gift from my grandma in my home country, Sweden": wherever it stands in the clause.
        One(@"\bmy\s+home\s*(?:country|land)(?:\s*,\s*|\s+of\s+|\s+is\s+)(?<v>(?-i:\p{Lu})[\p{L}-]+(?:\s+(?-i:\p{Lu})[\p{L}-]+)?)",
            m => Place(m.Groups["v"].Value) is { } p ? Draft(FactSlots.Origin, p, $"The user is from {p}") : null),
        One(@"^I(?:'m|\s+am)\s+(?:originally\s+)?from\s+(?<v>.+)$",
            m => Place(m.Groups["v"].Value) is { } p ? Draft(FactSlots.Origin, p, $"The user is from {p}") : null, exclusive: true),
        One(@"^I\s+grew\s+up\s+in\s+(?<v>.+)$",
            m => Place(m.Groups["v"].Value) is { } p ? Draft(FactSlots.Origin, p, $"The user grew up in {p}") : null, exclusive: true),
        Make(@"^I\s+was\s+born\s+in\s+(?<v>.+)$", m => BornIn(m.Groups["v"].Value), exclusive: true),
        // "My time zone is CET"; "I'm in the Pacific time zone", "I'm in the GMT+1 zone" (not "I'm in the city centre now":
        // that is a place, and was stored as a time zone).
        One(@"^(?:my\s+(?:time\s*zone|tz)\s+is\s+(?<v>[\w/+:-]+(?:\s+[\w/+:-]+){0,2}?)(?:\s+time\s*zone)?|I(?:'m|\s+am)\s+in\s+the\s+(?<v>[\w/+:-]+(?:\s+[\w/+:-]+){0,2}?)\s+(?:time\s*)?zone|I(?:'m|\s+am)\s+in\s+the\s+(?<v>(?-i:(?:UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::\d\d)?)?|[A-Z]{2,5}T)))$",
            m => Value(m.Groups["v"].Value, 3) is { } v ? Draft(FactSlots.Timezone, v, $"The user's time zone is {v}") : null, exclusive: true),
    ];

    /// <summary>Where and in what year the user was born ("in Leeds", "in 1990", "in 1990 in Leeds", "in Leeds in
    /// 1990"): the place is the birthplace; the year a fact of its own (not the birthday, whose day and month it would
    /// replace).</summary>
    private static IEnumerable<FactDraft> BornIn(string raw)
    {
        var v = raw.Trim().TrimEnd('.', '!', '?');
        string? place, year;
        if (LeadingBirthYear.Match(v) is { Success: true } first)
        {
            year = first.Groups["y"].Value;
            place = first.Groups["p"].Success ? Place(first.Groups["p"].Value) : null;
        }
        else
        {
            place = Place(v);
            year = TrailingBirthYear.Match(v) is { Success: true } last ? last.Groups["y"].Value : null;
        }

        if (place is not null)
        {
            yield return Draft(FactSlots.Birthplace, place, $"The user was born in {place}");
        }

        if (year is not null)
        {
            yield return Draft(FactSlots.Other, $"born {year}", $"The user was born in {year}");
        }
    }

    private static readonly System.Text.RegularExpressions.Regex LeadingBirthYear = R(@"^(?<y>(?:19|20)\d\d)(?:\s*,?\s+in\s+(?<p>.+))?$");

    private static readonly System.Text.RegularExpressions.Regex TrailingBirthYear = R(@"\s(?:in|back\s+in)\s+(?<y>(?:19|20)\d\d)$");
}

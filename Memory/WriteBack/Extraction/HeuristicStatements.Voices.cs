using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Rewrites for voices the rules were not written in (nineteenth session): a learner's English ("I am working
/// like nurse", "I am speaking Polish", "I am not eating pork", "I like very much to cook"), a student's chat ("w 3
/// flatmates", "like every nite", "alergic"), and sentences that say two things about where and with whom the user
/// lives ("I live in Harrogate with my husband Ken", "My brother lives with me and my wife").</summary>
internal static partial class HeuristicStatements
{
    private static string Voices(string text)
    {
        text = LearnerWorkingLike().Replace(text, "${lead} as a ");
        text = LearnerSpeaking().Replace(text, m => LanguageNames.IsLanguage(m.Groups["lang"].Value) ? "I speak " + m.Groups["lang"].Value : m.Value);
        // "Sofia have allergy on nuts", "I have allergy for cats": the allergy, said as the allergy rules read it.
        text = LearnerOwnAllergy().Replace(text, "I am allergic to");
        text = LearnerAllergy().Replace(text, " is allergic to");
        // "Actually it's 3 kids, not 2": the count corrected, said of what the user has.
        text = CountCorrection().Replace(text, "${lead}, I have ");
        text = LearnerNotEating().Replace(text, m => "I don't " + (m.Groups["v"].Value.StartsWith("eat", StringComparison.OrdinalIgnoreCase) ? "eat" : "drink"));
        text = LikeVeryMuch().Replace(text, "${v} ");
        text = LikeEvery().Replace(text, " ");
        // "I live in a bungalow in Harrogate with my husband Ken": where, and with whom (the husband was lost).
        text = LiveInWith().Replace(text, "${first}. I live with ");
        text = LiveAloneIn().Replace(text, "I live alone. I live in ");
        // "My brother lives with me and my wife": "I live with my brother and my wife" (the wife was dropped, and the
        // brother's fact was "lives with them").
        text = LivesWithMe().Replace(text, m => $"I live with {m.Groups["who"].Value.ToLowerInvariant()}{(m.Groups["and"].Success ? " and " + m.Groups["and"].Value : string.Empty)}");
        // "My husband Marcus and I have been together for 12 years": the husband's name (nothing was stored).
        text = PartnerAndI().Replace(text, "my ${rel} is called ${name}. We have been ${how}");
        return text;
    }

    // "I don't smoke anymore" takes the habit back and is not also kept as a negative; "I don't drive anymore", with no
    // habit to take back, is ("The user doesn't drive").
    [GeneratedRegex(@"\b(?:anymore|any\s+more|any\s+longer)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex NoMore();

    // "I am working like nurse", "I work like cleaner": a learner's "like" for "as" before an occupation without an
    // article ("I work like a dog" keeps its article and is not read).
    [GeneratedRegex(@"(?<lead>\bI\s+(?:am\s+)?work(?:ing)?)\s+like\s+(?=(?:" + HeuristicRules.Occupations + @")\b)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LearnerWorkingLike();

    [GeneratedRegex(@"\bI\s+am\s+speaking\s+(?<lang>\p{Lu}\p{Ll}+)", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LearnerSpeaking();

    // Only before a short object that ends the clause: "I'm not eating meat this week" is a passing choice.
    [GeneratedRegex(@"\bI\s+am\s+not\s+(?<v>eating|drinking)\b(?=\s+(?!(?:today|tonight|now|anything|much|well|right|breakfast|lunch|dinner|out|properly|enough|here)\b)[\p{L}-]+(?:\s+[\p{L}-]+)?\s*(?:[.!;]|$))", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LearnerNotEating();

    [GeneratedRegex(@"\bI\s+(?:have|got)\s+(?:an?\s+)?allerg(?:y|ies)\s+(?:on|for|from)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LearnerOwnAllergy();

    [GeneratedRegex(@"(?<=\b(?-i:\p{Lu})\p{Ll}+)\s+(?:have|has)\s+(?:an?\s+)?allerg(?:y|ies)\s+(?:on|for|from)\b", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LearnerAllergy();

    [GeneratedRegex(@"(?<=^|[.!?]\s+)(?<lead>actually|sorry|correction|oops|wait|no),?\s+it'?s\s+(?=(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[\w-]+\s+)?(?:kids|children|sons|daughters|grandchildren|grandkids|grandsons|granddaughters|brothers|sisters|siblings|dogs|cats|flatmates|roommates|housemates|staff|employees)\b(?:\s*(?:[,.;!?]|$)|\s+not\b))", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex CountCorrection();

    [GeneratedRegex(@"\b(?<v>like|love|enjoy)\s+(?:very\s+much|a\s+lot|so\s+much)\s+(?=to\s+\p{Ll}|\p{Ll}+ing\b)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LikeVeryMuch();

    // "i play fifa like every nite": "like" as a filler before a frequency, not a taste ("I like every dog").
    [GeneratedRegex(@"(?<=[\p{L}\d]{2})\s+like\s+(?=every\s+(?:day|night|morning|evening|week|weekend)\b)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LikeEvery();

    [GeneratedRegex(@"(?<first>\bI\s+(?:(?:still|now|currently)\s+)?live\s+in\s+[^,.;!?]{2,60}?)\s+with\s+(?=my\s)", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LiveInWith();

    [GeneratedRegex(@"\bI\s+live\s+(?:alone|on\s+my\s+own|by\s+myself)\s+in\s+", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LiveAloneIn();

    [GeneratedRegex(@"\b(?<who>[Mm]y\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+(?:lives|is\s+living|has\s+been\s+living|is\s+staying|has\s+been\s+staying)\s+with\s+me(?:\s+and\s+my\s+(?<and>[\w-]+))?\b", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex LivesWithMe();

    [GeneratedRegex(@"\b[Mm]y\s+(?<rel>wife|husband|partner|boyfriend|girlfriend|fianc[eé]e?)\s+(?<name>\p{Lu}\p{Ll}+)\s+and\s+I\s+(?:have|'ve)\s+been\s+(?<how>together|married)\b", RegexOptions.None, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial Regex PartnerAndI();
}

using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Recognised requests about how the assistant should answer (length, language, format, tone, units,
/// code language, level). They are personal preferences and are kept as memories, phrased in the third person.</summary>
internal static partial class StylePreferences
{
    private static readonly (Func<Regex> Pattern, Func<Match, (string Aspect, string Text)> Build)[] Rules =
    [
        (ShortAnswers, _ => ("length", "The user prefers short, concise answers")),
        (DetailedAnswers, _ => ("length", "The user prefers detailed answers")),
        (ReplyLanguage, m => ("language", $"The user wants replies in {Variant(m.Groups["variant"])}{LanguageNames.Display(m.Groups["lang"].Value)}")),
        (NoBullets, _ => ("bullets", "The user prefers no bullet lists")),
        (UseBullets, _ => ("bullets", "The user prefers bullet lists")),
        (NoEmoji, _ => ("emoji", "The user prefers no emojis")),
        (Tone, m => ("tone", $"The user prefers a {m.Groups["tone"].Value.ToLowerInvariant()} tone")),
        (Units, m => ("units", $"The user prefers {Units(m.Groups["units"].Value)}")),
        (CodeLanguage, m => ("code", $"The user prefers code examples in {CodeName(m.Groups["code"].Value)}")),
        (Simple, _ => ("level", "The user prefers simple explanations without jargon")),
    ];

    /// <summary>The style preference a clause states, or null.</summary>
    public static (string Slot, string Text)? Match(string clause)
    {
        foreach (var (pattern, build) in Rules)
        {
            var match = pattern().Match(clause);
            if (match.Success)
            {
                var (aspect, text) = build(match);
                return ($"{FactSlots.Style}.{aspect}", text);
            }
        }

        return null;
    }

    /// <summary>True when the text asks for a recognised answer style (or a form of address: "call me Sam").</summary>
    public static bool IsStylePreference(string text) => Match(text) is not null || CallMe().IsMatch(text) ||
        StyleFact().IsMatch(text);

    private static string Units(string value) => value.ToLowerInvariant() switch
    {
        "celsius" => "temperatures in Celsius",
        "fahrenheit" => "temperatures in Fahrenheit",
        var v when v.StartsWith("imperial", StringComparison.Ordinal) => "imperial units",
        _ => "metric units",
    };

    private static string CodeName(string value) => value.ToLowerInvariant() switch
    {
        "c#" or "csharp" => "C#",
        "javascript" or "js" => "JavaScript",
        "typescript" or "ts" => "TypeScript",
        "c++" or "cpp" => "C++",
        "go" or "golang" => "Go",
        "php" or "sql" => value.ToUpperInvariant(),
        var v => char.ToUpperInvariant(v[0]) + v[1..],
    };

    [GeneratedRegex(@"\b(keep|make)\s+(your\s+|the\s+|all\s+|my\s+)?(answers?|responses?|replies|it|things|explanations?)\s+(short|shorter|brief|briefer|concise|succinct|to\s+the\s+point)\b|\bbe\s+(more\s+|very\s+|extra\s+)?(concise|brief|succinct|terse)\b|\b(short|shorter|brief|concise|succinct)\s+(answers?|responses?|replies|explanations?)\b|\b(less|not\s+so)\s+verbose\b|\bdon'?t\s+be\s+(so\s+)?(verbose|wordy|long-winded)\b|\bprefers?\s+(short|brief|concise)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortAnswers();

    [GeneratedRegex(@"\b(detailed|longer|thorough|in-depth|comprehensive|elaborate)\s+(answers?|responses?|replies|explanations?)\b|\bbe\s+more\s+(detailed|thorough)\b|\bgo\s+into\s+(more\s+)?detail\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DetailedAnswers();

    [GeneratedRegex(@"\b((reply|answer|respond|write|talk)(\s+to\s+me)?|speak\s+to\s+me|(answers?|replies|responses)\s+(only\s+)?)(\s+only)?\s+in\s+(?<variant>(?:british|american|us|uk|australian|canadian|brazilian|european|mexican|swiss|simplified|traditional)\s+)?(?<lang>" + LanguageNames.Pattern + @")\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyLanguage();

    /// <summary>"british" → "British", "us" → "US"; empty when none was named.</summary>
    private static string Variant(Group variant)
    {
        var v = variant.Value.Trim();
        return v.Length == 0 ? string.Empty
            : v.Length <= 2 ? v.ToUpperInvariant() + " "
            : char.ToUpperInvariant(v[0]) + v[1..].ToLowerInvariant() + " ";
    }

    [GeneratedRegex(@"\b(no|don'?t\s+use|do\s+not\s+use|avoid|without|stop\s+using|never\s+use|skip\s+the|not\s+in|hate|dislike)\s+(the\s+|any\s+)?(bullet(ed)?(\s*(points?|lists?))?|bullets|lists|numbered\s+lists)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoBullets();

    [GeneratedRegex(@"\b(use|prefer|like|love|want)\s+(bullet(ed)?\s*(points?|lists?)|bullets)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UseBullets();

    [GeneratedRegex(@"\b(no|don'?t\s+use|do\s+not\s+use|avoid|without|stop\s+using|never\s+use)\s+(any\s+)?emoj(i|is|ies)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoEmoji();

    [GeneratedRegex(@"\bbe\s+(more\s+)?(?<tone>casual|formal|friendly|direct|blunt|polite|professional|playful|informal)\b(?=\s*$|[,.!;]|\s+(please|with\s+me|in\s+your|when))|\b(?<tone>casual|formal|friendly|direct|blunt|polite|professional|playful|informal)\s+tone\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Tone();

    [GeneratedRegex(@"\b(use|prefer|give\s+me|show\s+me|in)\s+(the\s+)?(?<units>metric|imperial|celsius|fahrenheit)(\s+(units|system|measurements))?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Units();

    [GeneratedRegex(@"\b(code|examples?|snippets?|samples?)\s+in\s+(?<code>python|c#|csharp|java|javascript|js|typescript|ts|go|golang|rust|ruby|kotlin|swift|php|c\+\+|cpp|scala|haskell|elixir|sql)(?![\w+#])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodeLanguage();

    [GeneratedRegex(@"\blike\s+I'?m\s+(five|5|a\s+(beginner|child|kid))\b|\b(simple|plain|simpler|everyday)\s+(language|english|terms|words)\b|\b(no|avoid|without)\s+(the\s+)?jargon\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Simple();

    [GeneratedRegex(@"\b(call\s+me|be\s+called|address\s+me\s+as)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CallMe();

    // Third-person style facts as an LLM phrases them ("The user wants the assistant to always answer briefly").
    [GeneratedRegex(@"\b(answer|reply|respond|write)\w*\s+(briefly|concisely|in\s+detail|formally|casually)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StyleFact();
}

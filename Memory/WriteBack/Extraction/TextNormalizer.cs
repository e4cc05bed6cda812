using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction;

/// <summary>Text clean-up shared by the extractors: straight quotes, single spaces, first-person to third-person.</summary>
internal static partial class TextNormalizer
{
    /// <summary>Straight apostrophes and quotes, no control characters, single spaces, trimmed.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var ch = c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '`' or '\u00B4' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' => '-',
                _ => c,
            };
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>Rewrites first-person words inside a captured value: "my coffee" → "their coffee".</summary>
    public static string ToThirdPerson(string value) =>
        FirstPerson().Replace(value, static m => MultiSpace().Replace(m.Value.ToLowerInvariant(), " ") switch
        {
            "my" => "their",
            "mine" => "theirs",
            "me" => "them",
            "myself" => "themselves",
            "i'm" => "they're",
            "i am" => "they are",
            "i was" => "they were",
            "i've" => "they've",
            "i" => "they",
            "we" => "they",
            "our" => "their",
            "us" => "them",
            _ => m.Value,
        });

    /// <summary>Capitalises each word of a proper noun typed in lower case ("porto" → "Porto").</summary>
    public static string TitleCase(string value)
    {
        if (value.Any(char.IsUpper))
        {
            return value;
        }

        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(value);
    }

    /// <summary>A lower-case key for matching subjects: no articles, no punctuation, single spaces.</summary>
    public static string SubjectKey(string value)
    {
        var lowered = NonWord().Replace(value.ToLowerInvariant(), " ");
        lowered = Articles().Replace(lowered, " ");
        return string.Join(' ', lowered.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Lower-case word tokens, for near-duplicate comparisons.</summary>
    public static HashSet<string> Tokens(string text)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in NonWord().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!StopTokens.Contains(word))
            {
                set.Add(word);
            }
        }

        return set;
    }

    /// <summary>Jaccard similarity of the word tokens of two texts (0..1).</summary>
    public static double TokenSimilarity(string a, string b)
    {
        var x = Tokens(a);
        var y = Tokens(b);
        if (x.Count == 0 && y.Count == 0)
        {
            return 1;
        }

        var intersection = x.Count(y.Contains);
        return (double)intersection / (x.Count + y.Count - intersection);
    }

    private static readonly HashSet<string> StopTokens = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "user", "user's", "s", "is", "are", "to", "of", "and", "in", "at", "on",
    };

    // Not inside a hyphenated word: "me-time" stays as written.
    [GeneratedRegex(@"(?<![\w-])(my|mine|me|myself|i'm|i've|i\s+am|i\s+was|i|we|our|us)(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"[^\p{L}\p{N}'+#]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(^|\s)(a|an|the)(?=\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Articles();
}

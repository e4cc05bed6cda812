using System.Text.RegularExpressions;

namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>The matching rule of the extraction sets. A produced fact matches an expected one when (1) both assert
/// or both retract, (2) both or neither are negated (not, no, never, n't, without), and (3) every key word of the
/// expected text occurs among the produced text's key words, with at most <see cref="MaxExtraWords"/> key words
/// more. Key words: lower case, "n't" read as "not", like/love/enjoy/adore read as "like" and
/// dislike/hate/detest/loathe as "dislike", a plural "s" dropped, and the generic words of a memory sentence
/// ("the user", is, has, lives, works, named, their, ...) left out, so "The user works as a beekeeper" is
/// {beekeeper} and "The user's dog Pepper is a border collie" is {dog, pepper, border, collie}; and (4) every proper
/// name of the expected text that the turn wrote with capitals keeps them in the produced one ("Pepper", not
/// "pepper"; a turn typed in lower case asks no capitals).</summary>
internal static partial class FactMatcher
{
    /// <summary>Key words a produced fact may have beyond the expected ones ("in the hills", "at the hospital").</summary>
    public const int MaxExtraWords = 4;

    private static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "user", "users", "their", "they", "them", "theirs", "themselves", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "having", "to", "of", "in", "at", "on", "for", "and", "as", "by", "with",
        "from", "named", "called", "name", "work", "works", "worked", "working", "live", "lives", "lived", "living",
        "based", "that", "who", "which", "this", "it", "its", "very", "really", "also", "currently", "now", "does", "do",
        "did", "longer", "forget", "anymore", "any", "some", "own", "owns", "got", "his", "her", "he", "she", "s", "i",
        "my", "me", "there", "here", "so", "just", "still", "over", "into", "kind", "about", "ca", "wo",
    };

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "never", "without", "none", "nor" };

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["likes"] = "like", ["loves"] = "like", ["love"] = "like", ["enjoys"] = "like", ["enjoy"] = "like", ["adores"] = "like",
        ["adore"] = "like", ["fond"] = "like", ["fan"] = "like",
        ["dislikes"] = "dislike", ["hates"] = "dislike", ["hate"] = "dislike", ["detests"] = "dislike", ["detest"] = "dislike",
        ["loathes"] = "dislike", ["loathe"] = "dislike", ["despises"] = "dislike", ["despise"] = "dislike",
        ["favourite"] = "favorite", ["colour"] = "color", ["mum"] = "mom", ["mother"] = "mom", ["father"] = "dad",
        ["kids"] = "child", ["kid"] = "child", ["children"] = "child",
    };

    /// <summary>True when <paramref name="produced"/> states <paramref name="expected"/> under the rule above.</summary>
    public static bool Matches(ExtractedFact produced, ExpectedFact expected, string? turn = null)
    {
        ArgumentNullException.ThrowIfNull(produced);
        ArgumentNullException.ThrowIfNull(expected);
        if (produced.Action != expected.Action)
        {
            return false;
        }

        var (p, pNegated) = KeyWords(produced.Text);
        var (e, eNegated) = KeyWords(expected.Text);
        if (pNegated != eNegated)
        {
            return false;
        }

        return e.IsSubsetOf(p) && p.Count - e.Count <= MaxExtraWords && (turn is null || KeepsNames(produced.Text, expected.Text, turn));
    }

    /// <summary>True when every proper name of <paramref name="expected"/> that the user wrote with its capitals in
    /// <paramref name="turn"/> ("Pepper", "Lisbon", "PhD": a capitalised word after the first) is in
    /// <paramref name="produced"/> as written: a memory that says "dog pepper" lost what made it a name.</summary>
    public static bool KeepsNames(string produced, string expected, string turn)
    {
        ArgumentNullException.ThrowIfNull(produced);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(turn);
        var written = Words(turn).Skip(1).ToHashSet(StringComparer.Ordinal);
        var kept = Words(produced).ToHashSet(StringComparer.Ordinal);
        return Words(expected).Skip(1).Where(w => char.IsUpper(w[0]) && written.Contains(w)).All(kept.Contains);
    }

    private static IEnumerable<string> Words(string text) =>
        NonWord().Split(text.Replace('\u2019', '\'')).Select(TrimWord).Where(w => w.Length > 0);

    private static string TrimWord(string raw)
    {
        var w = raw.Trim('\'');
        return w.EndsWith("'s", StringComparison.Ordinal) ? w[..^2] : w;
    }

    /// <summary>The key words of a fact's text and whether it is negated.</summary>
    public static (HashSet<string> Words, bool Negated) KeyWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lowered = Negation().Replace(text.ToLowerInvariant().Replace('\u2019', '\''), " not ");
        lowered = Prefix().Replace(lowered, " ");
        var words = new HashSet<string>(StringComparer.Ordinal);
        var negated = false;
        foreach (var raw in NonWord().Split(lowered))
        {
            var w = raw.Trim('\'');
            if (w.EndsWith("'s", StringComparison.Ordinal))
            {
                w = w[..^2];
            }

            if (w.Length == 0)
            {
                continue;
            }

            if (Negations.Contains(w))
            {
                negated = true;
                continue;
            }

            w = Synonyms.GetValueOrDefault(w, w);
            if (Generic.Contains(w))
            {
                continue;
            }

            words.Add(Stem(w));
        }

        return (words, negated);
    }

    private static string Stem(string w)
    {
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
        {
            return w[..^3] + "y";
        }

        return w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal)
            ? w[..^1]
            : w;
    }

    [GeneratedRegex(@"n't\b|\bcannot\b")]
    private static partial Regex Negation();

    // "No longer: ..." and "Forget: ..." are how retractions are phrased; the action already says it.
    [GeneratedRegex(@"^\s*(no\s+longer|forget)\s*:")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"[^\p{L}\p{N}'+#]+")]
    private static partial Regex NonWord();
}

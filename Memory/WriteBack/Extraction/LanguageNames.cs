namespace Memory.WriteBack.Extraction;

/// <summary>Human languages the heuristic extractor recognises by name.</summary>
internal static class LanguageNames
{
    public const string Pattern =
        "english|spanish|portuguese|french|german|italian|dutch|chinese|mandarin|cantonese|japanese|korean|arabic|" +
        "russian|hindi|bengali|urdu|turkish|polish|swedish|norwegian|danish|finnish|greek|hebrew|czech|hungarian|" +
        "romanian|ukrainian|vietnamese|thai|indonesian|malay|tagalog|swahili|persian|farsi|catalan|basque|galician|" +
        "irish|welsh|latin|croatian|serbian|bulgarian|slovak|slovenian|estonian|latvian|lithuanian|icelandic|tamil|" +
        "telugu|punjabi|gujarati|marathi|esperanto|afrikaans";

    private static readonly HashSet<string> Names = new(Pattern.Split('|'), StringComparer.OrdinalIgnoreCase);

    public static bool IsLanguage(string word) => Names.Contains(word.Trim());

    /// <summary>"spanish" → "Spanish".</summary>
    public static string Display(string word)
    {
        var w = word.Trim();
        return w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant();
    }
}

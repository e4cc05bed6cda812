namespace Memory.Text;

/// <summary>Small English word lists more than one part of memory reads (de-duplication, the grounding of extracted
/// facts), kept in one place so they cannot drift apart. Words as <see cref="TextAnalyzer"/> writes them: lower case,
/// apostrophes removed ("don't" is "dont").</summary>
internal static class EnglishLexicon
{
    /// <summary>Words that negate what follows them grammatically ("not", "never", "dont"); not aversions ("hate").</summary>
    public static readonly IReadOnlySet<string> Negations = new HashSet<string>(StringComparer.Ordinal)
    {
        "not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "cannot", "cant",
        "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "wont", "wouldnt", "couldnt", "shouldnt",
        "hasnt", "havent", "hadnt", "aint", "mustnt", "neednt", "nope",
    };

    /// <summary>Month names and their usual abbreviations, with the month's number (1-12).</summary>
    public static readonly IReadOnlyDictionary<string, int> Months = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["january"] = 1, ["jan"] = 1, ["february"] = 2, ["feb"] = 2, ["march"] = 3, ["mar"] = 3, ["april"] = 4, ["apr"] = 4,
        ["may"] = 5, ["june"] = 6, ["jun"] = 6, ["july"] = 7, ["jul"] = 7, ["august"] = 8, ["aug"] = 8, ["september"] = 9,
        ["sep"] = 9, ["sept"] = 9, ["october"] = 10, ["oct"] = 10, ["november"] = 11, ["nov"] = 11, ["december"] = 12, ["dec"] = 12,
    };
}

using System.Globalization;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>What kind of value fills a slot (<see cref="SlotShape.Template"/>, <see cref="SlotShape.Kind"/>): its words
/// and, for each run of details, what the run holds (a name, a date, a time of day, a measure and its dimension, a bare
/// number), so that a new value replaces an old one only when it is of the same kind ("born in 1990" / "born in Leeds",
/// "20 minutes" / "12 miles" are not).</summary>
internal static class SlotValue
{
    /// <summary>The value's runs in order: "w" for a run of words (fillers dropped; a kind is a word), and each run of
    /// details by its <see cref="RunLabel"/>; "@" first for a value that says where the value is kept.</summary>
    public static string Kind(List<FactToken> content, bool reference)
    {
        var parts = new List<string>();
        if (reference)
        {
            parts.Add(ReferenceMark);
        }

        var run = new List<FactToken>();
        foreach (var token in content)
        {
            if (token.Class == TokenClass.Word && SlotShape.IsFiller(token.Lower))
            {
                continue;
            }

            if (token.Class is TokenClass.Word or TokenClass.Kind)
            {
                FlushRun(parts, run);
                if (parts.Count == 0 || parts[^1] != "w")
                {
                    parts.Add("w");
                }
            }
            else
            {
                run.Add(token);
            }
        }

        FlushRun(parts, run);
        return string.Join(' ', parts);
    }

    /// <summary>The value with its details blanked: words (stemmed, fillers dropped; a kind by its member, since "allergic
    /// to peanuts" and "allergic to sesame" are not one value told twice) and one <see cref="RunLabel"/> per run of other
    /// details, as a sorted bag so word order never matters ("on Monday at 7am" and "at 19:45 on Friday" have one shape).</summary>
    public static string Shape(List<FactToken> content, bool reference)
    {
        var parts = new List<string>();
        if (reference)
        {
            parts.Add(ReferenceMark);
        }

        var run = new List<FactToken>();
        for (var i = 0; i < content.Count; i++)
        {
            var token = content[i];
            if (token.Class is TokenClass.Word or TokenClass.Kind)
            {
                FlushRun(parts, run);
                if (token.Class == TokenClass.Kind)
                {
                    parts.Add(token.Value!);
                }
                else if (!SlotShape.IsFiller(token.Lower) && !(token.Lower == "old" && i > 0 && content[i - 1].Class == TokenClass.Unit))
                {
                    // "10 years old" is the age "10 years".
                    parts.Add(PorterStemmer.Stem(token.Lower));
                }
            }
            else
            {
                run.Add(token);
            }
        }

        FlushRun(parts, run);
        return SlotShape.Bag(parts);
    }

    private const string ReferenceMark = "@";

    private static void FlushRun(List<string> parts, List<FactToken> run)
    {
        if (run.Count > 0)
        {
            parts.Add(RunLabel(run));
            run.Clear();
        }
    }

    /// <summary>What a run of details holds, as "#" and the kinds in it: "N" a name ("Leeds", "12 Baker Street"), "d" a
    /// date ("3 May", "Monday", "2024-03-05"), "t" a time of day ("5pm", "morning"), "u:" and a dimension for a measure
    /// ("20 minutes" is "u:duration", "12 miles" "u:length", "£40,000" "u:money"); a bare number ("1990", "4417", "A+")
    /// is "#" alone. A word that is a unit but stands before its number labels it ("year 3", "room 12"). "#not" when the
    /// run starts with a negation.</summary>
    public static string RunLabel(List<FactToken> run)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < run.Count; i++)
        {
            var token = run[i];
            switch (token.Class)
            {
                case TokenClass.Name:
                    kinds.Add("N");
                    break;
                case TokenClass.Date:
                    kinds.Add("d");
                    break;
                case TokenClass.Time:
                    kinds.Add("t");
                    break;
                case TokenClass.Unit:
                    // A unit measures unless it names what a number after it numbers ("year 3"); a currency sign
                    // stands before its amount ("£40"), and "an hour", "a month" measure one.
                    var labels = i + 1 < run.Count && run[i + 1].Class == TokenClass.Number && (i == 0 || run[i - 1].Class != TokenClass.Number) &&
                                 token.Lower is not ("$" or "€" or "£" or "¥");
                    kinds.Add(labels ? "label" : "u:" + DedupLexicon.UnitDimensions.GetValueOrDefault(token.Value!, token.Value!));
                    break;
                case TokenClass.Number when IsWholeDate(token.Value!):
                    kinds.Add("d");
                    break;
            }
        }

        if (kinds.Count == 0 && run is [{ Class: TokenClass.Number } only] && IsDayOfMonth(only))
        {
            return DayLabel; // "on the 3rd": a number that may be a day of the month
        }

        return (run[0].Class == TokenClass.Negation ? "#not" : "#") + string.Join('+', kinds);
    }

    /// <summary>A bare ordinal number, which as a value may be a day of the month (<see cref="Compatible"/>).</summary>
    private const string DayLabel = "#o";

    /// <summary>"3rd", "21st": an ordinal a day of the month could be.</summary>
    private static bool IsDayOfMonth(FactToken token) =>
        token.Lower.Length > 2 && token.Lower[^2..] is "st" or "nd" or "rd" or "th" &&
        int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31;

    /// <summary>A date the tokenizer kept whole ("2024-03-05", "03/05/2024"), not a grade or a code ("A-").</summary>
    private static bool IsWholeDate(string value) =>
        value.Length > 2 && char.IsAsciiDigit(value[0]) && value.IndexOfAny(['-', '/'], 1) is > 0 and var at &&
        at + 1 < value.Length && char.IsAsciiDigit(value[at + 1]);

    /// <summary>Two runs of details of one kind: the same kinds, or a bare number against a measure or a time ("34" /
    /// "35 years", "at 10" / "at 10am": the bare number may be either). A pound is money or a weight. An ordinal is a
    /// bare number, or a day of the month against a date ("on the 3rd" / "on 5 May").</summary>
    private static bool Compatible(string a, string b)
    {
        if (a == DayLabel || b == DayLabel)
        {
            var other = a == DayLabel ? b : a;
            return other is DayLabel or "#d" || Compatible("#", other);
        }

        if (string.Equals(a, b, StringComparison.Ordinal) || (a == "#" && IsMeasure(b)) || (b == "#" && IsMeasure(a)))
        {
            return true;
        }

        var left = Kinds(a);
        var right = Kinds(b);
        if (left.Count != right.Count || a.StartsWith("#not", StringComparison.Ordinal) != b.StartsWith("#not", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var kind in left)
        {
            var match = right.FindIndex(k => string.Equals(k, kind, StringComparison.Ordinal)) is var same and >= 0 ? same
                : right.FindIndex(k => Pound(kind, k) || Pound(k, kind));
            if (match < 0)
            {
                return false;
            }

            right.RemoveAt(match);
        }

        return true;

        static List<string> Kinds(string label) =>
            [.. label.TrimStart('#').Replace("not", string.Empty, StringComparison.Ordinal).Split('+', StringSplitOptions.RemoveEmptyEntries)];

        static bool Pound(string pound, string other) => pound == "u:pound" && other is "u:money" or "u:mass";
    }

    private static bool IsMeasure(string label) =>
        label.Length > 1 && label[0] == '#' && !label.StartsWith("#not", StringComparison.Ordinal) &&
        label[1..].Split('+').All(k => k == "t" || k.StartsWith("u:", StringComparison.Ordinal));

    /// <summary>Whether two templates or kinds (<see cref="Shape"/>, <see cref="Kind"/>) are one: the same words and,
    /// run for run, details of one kind (<see cref="Compatible"/>).</summary>
    public static bool Same(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return true;
        }

        var left = a.Split(' ');
        var right = b.Split(' ');
        if (left.Length != right.Length)
        {
            return false;
        }

        for (var i = 0; i < left.Length; i++)
        {
            if (!(left[i].StartsWith('#') && right[i].StartsWith('#') ? Compatible(left[i], right[i]) : string.Equals(left[i], right[i], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A value that says where someone is or lives (<see cref="SlotShape.Place"/>): a run of names ("Leeds", "the
    /// Lake District") or up to three words ending in a place noun ("the city centre", "a small village",
    /// <see cref="DedupLexicon.PlaceNouns"/>), perhaps followed by the name of where it lies ("near Oxford", "of
    /// England"), and nothing else but "now". After a copula the value starts with "in" (a name or a place noun) or "at" (a
    /// place noun only: "at Google" may be an employer); <paramref name="afterPreposition"/> when the relation said it
    /// ("lives in", "moved to"). Not "in a band", "in the army", "in hospital", "in a shared flat".</summary>
    public static bool IsPlace(IReadOnlyList<FactToken> value, bool afterPreposition)
    {
        var words = value.Where(t => !SlotShape.IsFiller(t.Lower) && !DedupLexicon.ChangeMarkers.Contains(t.Lower)).ToList();
        if (words is [{ Lower: "abroad" or "overseas" }])
        {
            return true;
        }

        var at = 0;
        var namesAllowed = true;
        if (!afterPreposition)
        {
            if (words.Count < 2 || words[0].Lower is not ("in" or "at"))
            {
                return false;
            }

            namesAllowed = words[0].Lower == "in";
            at = 1;
        }

        while (at < words.Count && DedupLexicon.Determiners.Contains(words[at].Lower))
        {
            at++;
        }

        var phrase = words.Skip(at).TakeWhile(t => t.Class is TokenClass.Word or TokenClass.Name && !PlaceBoundaries.Contains(t.Lower)).ToList();
        var tail = words.Skip(at + phrase.Count).ToList();
        var named = namesAllowed && phrase.Count > 0 && phrase.TrueForAll(t => t.Class == TokenClass.Name);
        var noun = phrase.Count is > 0 and <= 3 && phrase[^1].Class == TokenClass.Word && DedupLexicon.PlaceNouns.Contains(phrase[^1].Lower) &&
                   phrase.TrueForAll(t => !EnglishStopWords.Contains(t.Lower));
        return (named || noun) &&
               (tail.Count == 0 || (tail.Count > 1 && tail[0].Lower is "of" or "near" or "outside" or "in" &&
                                    tail.Skip(1).All(t => t.Class == TokenClass.Name || DedupLexicon.Determiners.Contains(t.Lower))));
    }

    /// <summary>Whether a place value names where it is (a proper name: "Leeds", "a village near Malaga") or says it is
    /// elsewhere altogether ("abroad", "overseas"), rather than a kind of place that may lie within another ("the
    /// suburbs", "a flat", "the city centre").</summary>
    public static bool NamesPlace(IReadOnlyList<FactToken> value) =>
        value.Any(t => t.Class == TokenClass.Name || t.Lower is "abroad" or "overseas");

    /// <summary>Words that end a place's own words ("a village near Oxford", "the north of England").</summary>
    private static readonly HashSet<string> PlaceBoundaries = new(StringComparer.Ordinal) { "of", "near", "outside", "in", "at", "on", "with", "for", "and", "since" };

    /// <summary>A value that says where the slot's value is kept or how it stands, not the value: a place phrase about a
    /// thing that keeps things (<see cref="DedupLexicon.StorageNouns"/>: "on my CV", "in my notes app", "at the front
    /// desk"; not "in the Lake District" or "in the Netherlands", where someone is; not "on the 4th floor" or "on 3 May", whose number or
    /// date is the value) or a word that points elsewhere ("written on a note", "the same as my PIN", "unknown").</summary>
    public static bool IsReference(List<FactToken> value)
    {
        if (value.Count >= 2 && DedupLexicon.ReferencePrepositions.Contains(value[0].Lower))
        {
            var at = 1;
            while (at < value.Count && DedupLexicon.Determiners.Contains(value[at].Lower))
            {
                at++;
            }

            // "on my CV", "in my notes app", "at the front desk"; not "in the Lake District" or "in the city", which
            // are where someone is, the value itself.
            if (at > 1 && value.Skip(at).TakeWhile(t => t.Class is TokenClass.Word or TokenClass.Name or TokenClass.Kind && !DedupLexicon.ReferencePrepositions.Contains(t.Lower))
                    .Take(4).Any(t => DedupLexicon.StorageNouns.Contains(t.Lower)))
            {
                return true;
            }
        }

        var first = value.FindIndex(t => !DedupLexicon.Determiners.Contains(t.Lower) && !SlotShape.IsFiller(t.Lower));
        return first >= 0 && DedupLexicon.ReferenceWords.Contains(value[first].Lower);
    }
}

using Memory.Text;

namespace Memory.Dedup;

/// <summary>A fact read as "head relation value" ("my locker code | is | 4417", "Alice | lives in | Lyon"): the
/// head (subject and attribute) names the slot, the value fills it. Only heads that name something in particular
/// make a slot (not "I" or "the user" alone), so "I am 34" and "I am 35" stay two facts while "my locker code is
/// 4417" and "my locker code is 5520" are one slot with two values.</summary>
internal sealed record SlotShape(string Head, string Template, string Value)
{
    private const int MaxHeadWords = 6;

    public static SlotShape? Of(IReadOnlyList<FactToken> tokens)
    {
        // "Actually my daughter is 7", "Correction: my locker code is 5520": the opening word is no part of the head.
        var start = 0;
        while (start < tokens.Count - 2 && IsOpening(tokens[start].Lower))
        {
            start++;
        }

        if (start > 0)
        {
            tokens = tokens.Skip(start).ToList();
        }

        for (var i = 1; i <= Math.Min(MaxHeadWords, tokens.Count - 2); i++)
        {
            var relationLength = RelationAt(tokens, i);
            if (relationLength == 0)
            {
                continue;
            }

            var head = tokens.Take(i).ToList();
            if (!head.Exists(t => t.Class is TokenClass.Name or TokenClass.Number ||
                                  (t.Class == TokenClass.Word && !EnglishStopWords.Contains(t.Lower) && !DedupLexicon.VagueHeads.Contains(t.Lower))))
            {
                return null;
            }

            var value = tokens.Skip(i + relationLength).ToList();
            if (value.Count == 0)
            {
                return null;
            }

            var relation = string.Join(' ', tokens.Skip(i).Take(relationLength).Select(t => t.Lower));
            var content = value.Where(t => t.Class != TokenClass.Word || !EnglishStopWords.Contains(t.Lower)).ToList();
            return new SlotShape(string.Join(' ', head.Select(t => t.Lower)) + " | " + relation, ShapeOf(content), Bag(content.Select(t => t.Value ?? PorterStemmer.Stem(t.Lower))));
        }

        return null;
    }

    private static int RelationAt(IReadOnlyList<FactToken> tokens, int i)
    {
        if (tokens[i].Class != TokenClass.Word)
        {
            return 0;
        }

        if (i + 1 < tokens.Count && DedupLexicon.Relations.Contains(tokens[i].Lower + " " + tokens[i + 1].Lower))
        {
            return 2;
        }

        return DedupLexicon.Copulas.Contains(tokens[i].Lower) ? 1 : 0;
    }

    /// <summary>The value with its details blanked: words (stemmed, fillers dropped) and one "#" per run of details,
    /// as a sorted bag so word order never matters ("on Monday at 7am" and "at 19:45 on Friday" have one shape).</summary>
    private static string ShapeOf(List<FactToken> content)
    {
        var parts = new List<string>();
        var inDetails = false;
        foreach (var token in content)
        {
            if (token.Class == TokenClass.Word)
            {
                inDetails = false;
                if (!IsFiller(token.Lower))
                {
                    parts.Add(PorterStemmer.Stem(token.Lower));
                }
            }
            else if (!inDetails)
            {
                inDetails = true;
                parts.Add(token.Class == TokenClass.Negation ? "#not" : "#");
            }
        }

        return Bag(parts);
    }

    private static string Bag(IEnumerable<string> parts) => string.Join(' ', parts.Order(StringComparer.Ordinal));

    private static bool IsOpening(string word) => word is "actually" or "correction" or "update" or "updated" or "sorry" or "so" or
        "well" or "oh" or "ok" or "okay" or "btw" or "also" or "now" or "just" or "fyi" or "note";

    /// <summary>Words that announce a new value without being part of it ("now 5520", "changed to 5520").</summary>
    private static bool IsFiller(string word) => word is "now" or "currently" or "actually" or "still" or "new" or "changed" or "updated";
}

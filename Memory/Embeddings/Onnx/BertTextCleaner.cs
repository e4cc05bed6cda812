using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Memory.Embeddings.Onnx;

/// <summary>The text clean-up of Hugging Face's BERT basic tokenizer, done before WordPiece: tab, line feed and
/// carriage return become spaces; other control, format, private-use and unassigned characters are dropped; for an
/// uncased model, letters are lower-cased, decomposed (NFD) and stripped of non-spacing marks. Decomposition uses a
/// table shipped with this assembly (<c>Data/canonical-decompositions.txt</c>), because .NET's invariant
/// globalization mode cannot normalise non-ASCII text: "Café" must become "cafe" on every host.</summary>
internal static class BertTextCleaner
{
    private const string DecompositionsResource = "Memory.Embeddings.Onnx.canonical-decompositions.txt";
    private const int HangulFirst = 0xAC00;
    private const int HangulLast = 0xD7A3;

    private static readonly Lazy<FrozenDictionary<int, string>> Decompositions = new(LoadDecompositions);

    public static string Clean(string text, bool uncased)
    {
        if (IsPrintableAscii(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\t' or '\n' or '\r')
            {
                builder.Append(' ');
                continue;
            }

            // Lone surrogates arrive as U+FFFD, which BERT drops as well.
            if (rune.Value == 0xFFFD || IsOther(Rune.GetUnicodeCategory(rune)))
            {
                continue;
            }

            if (uncased)
            {
                AppendStripped(builder, Rune.ToLowerInvariant(rune));
            }
            else
            {
                builder.Append(rune);
            }
        }

        return builder.ToString();
    }

    private static void AppendStripped(StringBuilder builder, Rune rune)
    {
        if (rune.Value is >= HangulFirst and <= HangulLast)
        {
            // Unicode's arithmetic decomposition of a Hangul syllable into its conjoining jamo.
            var index = rune.Value - HangulFirst;
            builder.Append((char)(0x1100 + (index / 588)));
            builder.Append((char)(0x1161 + (index % 588 / 28)));
            if (index % 28 != 0)
            {
                builder.Append((char)(0x11A7 + (index % 28)));
            }

            return;
        }

        if (!Decompositions.Value.TryGetValue(rune.Value, out var decomposed))
        {
            if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(rune);
            }

            return;
        }

        foreach (var part in decomposed.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(part);
            }
        }
    }

    private static bool IsOther(UnicodeCategory category) => category is UnicodeCategory.Control or
        UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<int, string> LoadDecompositions()
    {
        using var stream = typeof(BertTextCleaner).Assembly.GetManifestResourceStream(DecompositionsResource)
            ?? throw new InvalidOperationException($"The resource {DecompositionsResource} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split(' ');
            var decomposed = new StringBuilder(fields.Length * 2);
            for (var i = 1; i < fields.Length; i++)
            {
                decomposed.Append(new Rune(int.Parse(fields[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            }

            table[int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = decomposed.ToString();
        }

        return table.ToFrozenDictionary();
    }
}

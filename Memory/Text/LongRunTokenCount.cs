using System.Globalization;
using Microsoft.ML.Tokenizers;

namespace Memory.Text;

/// <summary>
/// Token counts that stay linear in the text. tiktoken's pre-tokenizers let a run of letters, of symbols or of blanks
/// be one piece however long it is, and byte-pair merging is quadratic in a piece's length: one request holding 40,000
/// letters without a space took a second to count and 300,000 took minutes. A run longer than <see cref="MaxRun"/>
/// characters of one kind (or <see cref="MaxUnbroken"/> without a blank) is therefore counted in pieces of that length (a word that long is not language; what it
/// costs the model is then estimated within a token or so per piece). Text without such a run is counted exactly.
/// </summary>
internal static class LongRunTokenCount
{
    /// <summary>The longest run of one kind of character counted as one piece.</summary>
    public const int MaxRun = 256;

    public static int Count(Tokenizer tokenizer, ReadOnlySpan<char> text)
    {
        var cut = NextCut(text, 0);
        if (cut == text.Length)
        {
            return tokenizer.CountTokens(text);
        }

        var total = 0;
        var start = 0;
        while (start < text.Length)
        {
            total += tokenizer.CountTokens(text[start..cut]);
            start = cut;
            cut = NextCut(text, start);
        }

        return total;
    }

    /// <summary>Where the part starting at <paramref name="start"/> ends: where a run of one kind of character reaches
    /// <see cref="MaxRun"/> characters (never between the two halves of a surrogate pair), else the end.</summary>
    internal static int NextCut(ReadOnlySpan<char> text, int start)
    {
        var run = 0;
        var kind = -1;
        var unbroken = 0;
        for (var i = start; i < text.Length; i++)
        {
            var k = KindOf(text[i]);
            run = k == kind ? run + 1 : 1;
            kind = k;
            unbroken = k == Blank ? 0 : unbroken + 1;
            if ((run > MaxRun || unbroken > MaxUnbroken) && !char.IsLowSurrogate(text[i]))
            {
                return i;
            }
        }

        return text.Length;
    }

    /// <summary>The longest stretch without a blank counted as one part, whatever its characters: a pre-tokenizer may
    /// join kinds this class tells apart (o200k reads combining marks as letters), so kinds alone cannot bound a piece.</summary>
    public const int MaxUnbroken = 4 * MaxRun;

    private const int Blank = 2;

    // Combining marks join the letters they follow in every encoding's letter class ("e\u0301").
    private static int KindOf(char c) =>
        char.IsLetter(c) ? 0 : char.IsDigit(c) ? 1 : char.IsWhiteSpace(c) ? Blank
        : char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark ? 0 : 3;
}

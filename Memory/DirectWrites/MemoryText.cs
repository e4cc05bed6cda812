using System.Globalization;
using System.Text;
using Memory.Text;

namespace Memory.DirectWrites;

/// <summary>Text forms used by writes: the stored form (trimmed, whitespace runs collapsed) and the dedup key
/// (lower-cased, accent-folded words of letters, digits and the signs that carry a value, joined by single spaces, so
/// case, accents, punctuation and spacing never make two statements of the same fact differ, and a currency or a sign
/// always does).</summary>
internal static class MemoryText
{
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string DedupKey(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // A decomposed Latin accent is dropped ("Café" typed either way is one text); the marks other scripts
                // write vowels with are part of their word.
                AccentFolding.AppendFolded(c, builder);
                continue;
            }

            if (char.IsLetterOrDigit(c) || KeepsValue(text, i))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                AccentFolding.AppendFolded(c, builder);
            }
            else if (c is not '\'' and not '’')
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Marks that carry a value and so belong to the key: currency and other symbols ("$", "€",
    /// "°", "+", "#", "%", "@"), a minus before a number, a sign after a word ("A-"), and the point or comma between
    /// digits ("1,5" is not "15").</summary>
    private static bool KeepsValue(string text, int i)
    {
        var c = text[i];
        var category = char.GetUnicodeCategory(c);
        if (category is UnicodeCategory.CurrencySymbol or UnicodeCategory.MathSymbol
            or UnicodeCategory.OtherSymbol || c is '#' or '%' or '@')
        {
            return true;
        }

        var previous = i > 0 ? text[i - 1] : ' ';
        var next = i + 1 < text.Length ? text[i + 1] : ' ';
        return c switch
        {
            '.' or ',' => char.IsDigit(previous) && char.IsDigit(next),
            '-' => (char.IsDigit(next) && !char.IsLetterOrDigit(previous)) || (char.IsLetter(previous) && !char.IsLetterOrDigit(next)),
            _ => false,
        };
    }
}

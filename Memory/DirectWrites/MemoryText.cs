using System.Text;

namespace Memory.DirectWrites;

/// <summary>Text forms used by writes: the stored form (trimmed, whitespace runs collapsed) and the dedup key
/// (lower-cased words of letters and digits joined by single spaces, so case, punctuation and spacing never make
/// two statements of the same fact differ).</summary>
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
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not '\'' and not '’')
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }
}

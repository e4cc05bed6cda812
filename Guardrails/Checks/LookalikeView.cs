using System.Globalization;

namespace Guardrails.Checks;

/// <summary>A view of a text in which the characters that hide personal data and credentials from ASCII
/// patterns are undone, with the map back to the original offsets: invisible format characters (zero-width
/// space and joiners, soft hyphen, word joiner, BOM, bidi marks, Unicode tag characters) are dropped, Unicode
/// spaces (no-break, narrow, thin, ideographic...) read as a space, Unicode hyphens and minus signs as
/// <c>-</c>, and fullwidth ASCII forms (<c>４１１１</c>, <c>＠</c>) as their ASCII letters. So
/// <c>4111&#xA0;1111&#xA0;1111&#xA0;1111</c>, <c>+1&#x2011;415&#x2011;555&#x2011;0132</c> and a token with a
/// zero-width space inside are found, and the redaction covers the whole original span.</summary>
internal sealed class LookalikeView : MappedText
{
    private LookalikeView(string text, int[] map)
        : base(text, map)
    {
    }

    /// <summary>The view of <paramref name="text"/>, or null when it holds none of those characters.</summary>
    public static LookalikeView? Of(string text)
    {
        var first = text.AsSpan().IndexOfAnyInRange('\u0080', '\uffff');
        if (first < 0)
        {
            return null;
        }

        char[]? chars = null;
        int[]? map = null;
        var n = 0;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            var drop = c >= '\u0080' && IsInvisible(text, i);
            var mapped = drop ? c : Fold(c);
            if (!drop && mapped == c && chars is null)
            {
                continue;
            }

            if (chars is null)
            {
                chars = new char[text.Length];
                map = new int[text.Length + 1];
                text.CopyTo(0, chars, 0, i);
                for (var j = 0; j < i; j++)
                {
                    map[j] = j;
                }

                n = i;
            }

            if (drop)
            {
                // A tag character is a surrogate pair: skip both halves.
                i += char.IsHighSurrogate(c) ? 1 : 0;
                continue;
            }

            map![n] = i;
            chars[n++] = mapped;
        }

        if (chars is null)
        {
            return null;
        }

        map![n] = text.Length;
        return new LookalikeView(new string(chars, 0, n), map);
    }

    private static bool IsInvisible(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c))
        {
            // U+E0000..U+E007F (tag characters) are encoded as U+DB40 followed by U+DC00..U+DC7F.
            return c == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F';
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;
    }

    private static char Fold(char c) => c switch
    {
        < '\u0080' => c,
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        '\u3000' => ' ',
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\uFE63' => '-',
        _ when char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator => ' ',
        _ => c,
    };
}

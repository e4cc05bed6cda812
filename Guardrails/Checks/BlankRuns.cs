namespace Guardrails.Checks;

/// <summary>A view of a long text with every run of blanks cut to at most two characters (its first one, and a
/// newline when the run held one), with the map back to the original offsets. The injection tells only care
/// whether words are separated by blanks or a line break, so a megabyte of newlines costs them nothing.</summary>
internal sealed class BlankRuns : MappedText
{
    private BlankRuns(string compact, int[] map)
        : base(compact, map)
    {
    }

    /// <summary>The compact view of <paramref name="text"/>, or null when cutting would save less than a quarter.</summary>
    public static BlankRuns? Compact(string text)
    {
        var saved = 0;
        for (var i = 0; i < text.Length;)
        {
            var start = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            saved += Math.Max(0, i - start - 2);
            i = i == start ? i + 1 : i;
        }

        if (saved < text.Length / 4)
        {
            return null;
        }

        var chars = new char[text.Length - saved];
        var map = new int[chars.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                map[n] = i;
                chars[n++] = text[i++];
                continue;
            }

            var start = i;
            var newline = -1;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                newline = newline < 0 && text[i] == '\n' ? i : newline;
                i++;
            }

            map[n] = start;
            chars[n++] = text[start];
            if (i - start >= 2)
            {
                var second = newline > start ? newline : start + 1;
                map[n] = second;
                chars[n++] = text[second];
            }
        }

        map[n] = text.Length;
        return new BlankRuns(new string(chars, 0, n), map);
    }
}

namespace Guardrails.Checks;

/// <summary>Finds base64 and hex runs in one left-to-right pass (each character is looked at a bounded number
/// of times), where the equivalent backtracking patterns cost time proportional to the run length at every
/// possible start: a megabyte of <c>-</c> or <c>aa aa aa</c> made them time out.</summary>
internal static class EncodedRuns
{
    private const int MinBase64 = 24;
    private const int MaxBase64 = 4096;
    private const int MinHexBytes = 16;
    private const int MaxHexBytes = 2048;

    /// <summary>Runs of 24-4096 base64 or base64url characters (plus up to two <c>=</c>) standing alone.</summary>
    public static IEnumerable<(int Index, int Length)> Base64(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsBase64(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && IsBase64(text[i]))
            {
                i++;
            }

            var length = i - start;
            var padded = i;
            while (padded < text.Length && padded - i < 2 && text[padded] == '=')
            {
                padded++;
            }

            if (length is >= MinBase64 and <= MaxBase64 && (padded == text.Length || !IsBase64(text[padded])))
            {
                yield return (start, padded - start);
            }

            i = Math.Max(i, padded);
        }
    }

    /// <summary>Runs of at least 16 hex byte pairs (each optionally written <c>\xHH</c> and followed by one blank)
    /// not touching a letter or digit; a run longer than 2048 bytes is cut there.</summary>
    public static IEnumerable<(int Index, int Length)> Hex(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if ((i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])) || !StartsUnit(text, i))
            {
                i++;
                continue;
            }

            // Greedy over units; the run ends after the last unit not followed by a letter or digit.
            var start = i;
            var units = 0;
            var goodEnd = -1;
            var goodUnits = 0;
            while (units < MaxHexBytes && StartsUnit(text, i))
            {
                i += text[i] == '\\' ? 4 : 2;
                units++;
                if (i == text.Length || !char.IsAsciiLetterOrDigit(text[i]))
                {
                    goodEnd = i;
                    goodUnits = units;
                }

                if (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }

            if (goodUnits >= MinHexBytes)
            {
                yield return (start, goodEnd - start);
            }

            i = Math.Max(i, start + 1);
        }
    }

    private static bool StartsUnit(string text, int i) =>
        i + 1 < text.Length && (char.IsAsciiHexDigit(text[i]) && char.IsAsciiHexDigit(text[i + 1])
            || text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x' && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3]));

    private static bool IsBase64(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-';
}

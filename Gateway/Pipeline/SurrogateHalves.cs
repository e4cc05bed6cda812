namespace Gateway.Pipeline;

/// <summary>Rejoins a character cut between two streamed chunks in UTF-16 units: an upstream that splits its text by
/// code units (a JavaScript server slicing strings, for one) ends a chunk's string with the high half of a surrogate
/// pair, as an escape (<c>"ab\ud83d"</c>), and opens the next chunk's string with the low half (<c>"\ude00cd"</c>).
/// Each half alone is no text (<see cref="JsonStrings"/> would repair each to U+FFFD); moved into the second chunk,
/// the pair is one character again.</summary>
internal static class SurrogateHalves
{
    /// <summary>True when a data line's JSON has a string ending with an unpaired high surrogate escape.</summary>
    public static bool EndsWithHalf(ReadOnlySpan<byte> line) =>
        line.StartsWith("data:"u8) && (line.IndexOf("\\ud"u8) >= 0 || line.IndexOf("\\uD"u8) >= 0) && TrailingHalf(line) >= 0;

    /// <summary>Moves the high half that ends a string of <paramref name="first"/> to the start of the first string of
    /// <paramref name="second"/> that opens with a low half; false (nothing changed) when there is no such pair.</summary>
    public static bool TryJoin(byte[] first, byte[] second, out byte[] joinedFirst, out byte[] joinedSecond)
    {
        (joinedFirst, joinedSecond) = (first, second);
        var half = TrailingHalf(first);
        var open = second.AsSpan().StartsWith("data:"u8) ? LeadingLowHalf(second) : -1;
        if (half < 0 || open < 0)
        {
            return false;
        }

        joinedFirst = [.. first.AsSpan(0, half), .. first.AsSpan(half + 6)];
        joinedSecond = [.. second.AsSpan(0, open), .. first.AsSpan(half, 6), .. second.AsSpan(open)];
        return true;
    }

    /// <summary>Where the escape of an unpaired high surrogate that ends a string starts (its backslash), or -1.</summary>
    private static int TrailingHalf(ReadOnlySpan<byte> json)
    {
        var found = -1;
        var inString = false;
        var previousHigh = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (!inString)
            {
                inString = b == (byte)'"';
                previousHigh = false;
                continue;
            }

            if (b == (byte)'"')
            {
                inString = false;
                continue;
            }

            if (b != (byte)'\\' || i + 1 >= json.Length)
            {
                previousHigh = false;
                continue;
            }

            var unit = json[i + 1] == (byte)'u' ? Unit(json, i + 2) : -1;
            var high = unit is >= 0xD800 and <= 0xDBFF;
            if (high && !previousHigh && i + 6 < json.Length && json[i + 6] == (byte)'"')
            {
                found = i;
            }

            previousHigh = high;
            i += unit >= 0 ? 5 : 1;
        }

        return found;
    }

    /// <summary>Where the first string whose first unit is an escaped low surrogate begins (after its quote), or -1.</summary>
    private static int LeadingLowHalf(ReadOnlySpan<byte> json)
    {
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (!inString)
            {
                if (b == (byte)'"')
                {
                    inString = true;
                    if (i + 2 < json.Length && json[i + 1] == (byte)'\\' && json[i + 2] == (byte)'u' && Unit(json, i + 3) is >= 0xDC00 and <= 0xDFFF)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            if (b == (byte)'"')
            {
                inString = false;
            }
            else if (b == (byte)'\\')
            {
                i++;
            }
        }

        return -1;
    }

    /// <summary>The code unit of the four hex digits at <paramref name="at"/>, or -1.</summary>
    private static int Unit(ReadOnlySpan<byte> json, int at)
    {
        if (at + 4 > json.Length)
        {
            return -1;
        }

        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var digit = json[at + k] switch
            {
                >= (byte)'0' and <= (byte)'9' and var d => d - '0',
                >= (byte)'a' and <= (byte)'f' and var d => d - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' and var d => d - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                return -1;
            }

            value = (value << 4) | digit;
        }

        return value;
    }
}

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
        line.StartsWith("data:"u8) && (line.IndexOf("\\ud"u8) >= 0 || line.IndexOf("\\uD"u8) >= 0) && TrailingHalves(line).Count > 0;

    /// <summary>Moves the high halves that end strings of <paramref name="first"/> to the starts of the strings of
    /// <paramref name="second"/> that open with a low half, in order (the content first, then its logprobs' token,
    /// ...); false (nothing changed) when there is no such pair.</summary>
    public static bool TryJoin(byte[] first, byte[] second, out byte[] joinedFirst, out byte[] joinedSecond)
    {
        (joinedFirst, joinedSecond) = (first, second);
        var halves = TrailingHalves(first);
        var opens = second.AsSpan().StartsWith("data:"u8) ? LeadingLowHalves(second) : [];
        var pairs = Math.Min(halves.Count, opens.Count);
        if (pairs == 0)
        {
            return false;
        }

        var shortened = new List<byte>(first.Length);
        var lengthened = new List<byte>(second.Length + (6 * pairs));
        var from = 0;
        for (var k = 0; k < pairs; k++)
        {
            shortened.AddRange(first.AsSpan(from, halves[k] - from));
            from = halves[k] + 6;
        }

        shortened.AddRange(first.AsSpan(from));
        from = 0;
        for (var k = 0; k < pairs; k++)
        {
            lengthened.AddRange(second.AsSpan(from, opens[k] - from));
            lengthened.AddRange(first.AsSpan(halves[k], 6));
            from = opens[k];
        }

        lengthened.AddRange(second.AsSpan(from));
        (joinedFirst, joinedSecond) = ([.. shortened], [.. lengthened]);
        return true;
    }

    /// <summary>Where the escapes of unpaired high surrogates that end strings start (their backslash), in order.</summary>
    private static List<int> TrailingHalves(ReadOnlySpan<byte> json)
    {
        var found = new List<int>();
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
                found.Add(i);
            }

            previousHigh = high;
            i += unit >= 0 ? 5 : 1;
        }

        return found;
    }

    /// <summary>Where the strings whose first unit is an escaped low surrogate begin (after their quote), in order.</summary>
    private static List<int> LeadingLowHalves(ReadOnlySpan<byte> json)
    {
        var found = new List<int>();
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
                        found.Add(i + 1);
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

        return found;
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

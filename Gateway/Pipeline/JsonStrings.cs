using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gateway.Pipeline;

/// <summary>Strings in JSON text that cannot become .NET strings: bytes that are not UTF-8 and <c>\u</c> escapes of
/// unpaired surrogates (<c>"\ud800"</c>). System.Text.Json parses such text without complaint and throws only when a
/// string is read, deep inside the pipeline, which would be a 500. Requests are checked before they are read
/// (<see cref="IsValid"/>: a 400); an upstream's answer is repaired (<see cref="Sanitize"/>: each bad piece becomes
/// U+FFFD, so the answer still reaches the guardrails and the client).</summary>
internal static class JsonStrings
{
    private static readonly byte[] Replacement = "\\ufffd"u8.ToArray();

    /// <summary>True when every string in <paramref name="json"/> can be read: the text is UTF-8 and each surrogate
    /// escape is half of a pair. Only structure-independent checks: invalid JSON is left to the parser.</summary>
    public static bool IsValid(ReadOnlySpan<byte> json) => FirstProblem(json, 0) < 0;

    /// <summary><paramref name="json"/> itself when <see cref="IsValid"/>; otherwise a copy with every byte sequence
    /// that is not UTF-8 and every unpaired surrogate escape replaced by <c>\ufffd</c>.</summary>
    public static byte[] Sanitize(byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problem = FirstProblem(json, 0);
        if (problem < 0)
        {
            return json;
        }

        var output = new ArrayBufferWriter<byte>(json.Length + 16);
        var copied = 0;
        while (problem >= 0)
        {
            output.Write(json.AsSpan(copied, problem - copied));
            output.Write(Replacement);
            copied = problem + ProblemLength(json, problem);
            problem = FirstProblem(json, copied);
        }

        output.Write(json.AsSpan(copied));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>The index of the first unreadable piece at or after <paramref name="start"/>, or -1.</summary>
    private static int FirstProblem(ReadOnlySpan<byte> json, int start)
    {
        // Fast path: text that is UTF-8 and holds no \u escape has nothing to look at.
        var rest = json[start..];
        if (rest.IndexOf("\\u"u8) < 0 && Utf8.IsValid(rest))
        {
            return -1;
        }

        var i = start;
        while (i < json.Length)
        {
            var b = json[i];
            if (b == (byte)'\\')
            {
                if (i + 1 < json.Length && json[i + 1] == (byte)'u' && Hex4(json, i + 2) is { } unit && char.IsSurrogate((char)unit))
                {
                    if (char.IsLowSurrogate((char)unit) || !IsLowSurrogateEscape(json, i + 6))
                    {
                        return i;
                    }

                    i += 12; // a high and a low surrogate escape: one valid pair
                    continue;
                }

                i += 2; // any other escape (the parser judges whether it is one)
                continue;
            }

            if (b < 0x80)
            {
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(json[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    /// <summary>How many bytes the unreadable piece at <paramref name="at"/> spans.</summary>
    private static int ProblemLength(ReadOnlySpan<byte> json, int at)
    {
        if (json[at] == (byte)'\\')
        {
            return 6; // an unpaired surrogate escape
        }

        _ = Rune.DecodeFromUtf8(json[at..], out _, out var consumed);
        return Math.Max(1, consumed);
    }

    private static bool IsLowSurrogateEscape(ReadOnlySpan<byte> json, int at) =>
        at + 1 < json.Length && json[at] == (byte)'\\' && json[at + 1] == (byte)'u' && Hex4(json, at + 2) is { } unit && char.IsLowSurrogate((char)unit);

    private static int? Hex4(ReadOnlySpan<byte> json, int at)
    {
        if (at + 4 > json.Length)
        {
            return null;
        }

        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var digit = HexValue(json[at + k]);
            if (digit < 0)
            {
                return null;
            }

            value = (value << 4) | digit;
        }

        return value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}

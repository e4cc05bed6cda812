using System.Text;
using System.Text.Json;
using Gateway.Pipeline;

namespace Gateway.Tests.Pipeline;

/// <summary><see cref="JsonStrings"/> against an oracle: JSON strings built from pieces whose readable value is known
/// (plain text, escapes, surrogate pairs, multi-byte UTF-8) or that no reader can take (bytes that are not UTF-8,
/// truncated sequences, unpaired surrogate escapes). IsValid must agree with System.Text.Json reading every string,
/// and Sanitize must give back exactly the readable pieces with U+FFFD for each unreadable one.</summary>
public sealed class JsonStringsTests
{
    /// <summary>A piece of a JSON string: its bytes, its value when readable (null when not), and what a repair
    /// gives (U+FFFD per unreadable unit, as .NET's UTF-8 decoder replaces bytes).</summary>
    private sealed record Piece(byte[] Json, string? Value, string Repaired = "\uFFFD");

    private static readonly Piece[] Pieces =
    [
        new("plain"u8.ToArray(), "plain"),
        new("\\n"u8.ToArray(), "\n"),
        new("\\\\"u8.ToArray(), "\\"),
        new("\\\\ud800"u8.ToArray(), "\\ud800"), // an escaped backslash, then letters: no escape at all
        new("\\u0041"u8.ToArray(), "A"),
        new("\\ud83d\\ude00"u8.ToArray(), "\U0001F600"),
        new("\\uD83D\\uDE00"u8.ToArray(), "\U0001F600"),
        new("é€😀"u8.ToArray(), "é€😀"),
        new("\\ud800"u8.ToArray(), null),
        new("\\uDBFF"u8.ToArray(), null),
        new("\\udc00"u8.ToArray(), null),
        new([0xff], null),
        new([0xc3], null), // a lead byte with no continuation
        new([0xed, 0xa0, 0x80], null, "\uFFFD\uFFFD\uFFFD"), // a surrogate encoded as UTF-8: three bad bytes
    ];

    [Fact]
    public void Is_valid_agrees_with_reading_every_string_and_sanitize_keeps_exactly_the_readable_pieces()
    {
        var random = new Random(20261205);
        for (var round = 0; round < 3000; round++)
        {
            var picked = Enumerable.Range(0, random.Next(0, 7)).Select(_ => Pieces[random.Next(Pieces.Length)]).ToList();
            byte[] json = [.. "{\"k\":[\""u8, .. picked.SelectMany(p => p.Json.Concat("."u8.ToArray())), .. "\",1]}"u8];
            var readable = picked.All(p => p.Value is not null);

            Assert.Equal(readable, JsonStrings.IsValid(json));
            Assert.Equal(readable, ReadsEveryString(json));

            var sanitized = JsonStrings.Sanitize(json);
            Assert.True(ReadsEveryString(sanitized), Encoding.UTF8.GetString(sanitized));
            var expected = string.Concat(picked.Select(p => (p.Value ?? p.Repaired) + "."));
            Assert.Equal(expected, JsonDocument.Parse(sanitized).RootElement.GetProperty("k")[0].GetString());
            if (readable)
            {
                Assert.Same(json, sanitized); // nothing to repair: no copy
            }
        }
    }

    [Fact]
    public void Invalid_json_is_left_to_the_parser()
    {
        Assert.True(JsonStrings.IsValid("{\"a\": tru"u8));
        Assert.True(JsonStrings.IsValid("\\u12"u8)); // not a surrogate escape, whatever the parser makes of it
        Assert.True(JsonStrings.IsValid([]));
    }

    private static bool ReadsEveryString(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.Text.Json;

namespace Guardrails.Checks;

/// <summary>Keeps a JSON answer JSON when parts of it are redacted. Placeholders hold no quote, so a span inside
/// a string stays a string; a span that is a whole bare token (<c>"card": 4111111111111111</c>) would leave
/// <c>"card": [CARD]</c>, which no parser reads, so its placeholder is written as a string instead.</summary>
internal static class JsonRedaction
{
    /// <summary><paramref name="spans"/> (resolved, in text order) with the placeholder of every span that is a
    /// bare JSON token quoted, when <paramref name="text"/> is a JSON object or array; else the spans as given.</summary>
    public static List<Detection> KeepJson(string text, List<Detection> spans)
    {
        if (spans.Count == 0 || !LooksLikeJson(text) || !Parses(text))
        {
            return spans;
        }

        var kept = new List<Detection>(spans.Count);
        foreach (var span in spans)
        {
            kept.Add(IsBareToken(text, span) ? span with { Replacement = "\"" + span.Replacement + "\"" } : span);
        }

        return kept;
    }

    private static bool LooksLikeJson(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length >= 2 && ((trimmed[0] == '{' && trimmed[^1] == '}') || (trimmed[0] == '[' && trimmed[^1] == ']'));
    }

    private static bool Parses(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>True when the span stands where a value stands: after <c>:</c>, <c>[</c> or <c>,</c> and before
    /// <c>,</c>, <c>]</c> or <c>}</c> (blanks aside), so it is not inside a string.</summary>
    private static bool IsBareToken(string text, Detection span)
    {
        var before = span.Start - 1;
        while (before >= 0 && char.IsWhiteSpace(text[before]))
        {
            before--;
        }

        var after = span.End;
        while (after < text.Length && char.IsWhiteSpace(text[after]))
        {
            after++;
        }

        return before >= 0 && text[before] is ':' or '[' or ','
            && after < text.Length && text[after] is ',' or ']' or '}'
            && text[span.Start] != '"';
    }
}

namespace Guardrails.Checks;

/// <summary>Keeps a JSON answer JSON when parts of it are redacted. Placeholders hold no quote, so a span inside
/// a string stays a string; a span that stands where a bare value stands (<c>"card": 4111111111111111</c>)
/// would leave <c>"card": [CARD]</c>, which no parser reads, so its placeholder is written as a string.</summary>
internal static class JsonRedaction
{
    /// <summary><paramref name="spans"/> (resolved, in text order) with the placeholder of every span that stands
    /// as a bare value of a JSON object or array quoted; texts that do not open as JSON keep theirs.</summary>
    public static List<Detection> KeepJson(string text, List<Detection> spans)
    {
        if (spans.Count == 0 || !OpensAsJson(text))
        {
            return spans;
        }

        var state = default(JsonTextState);
        var fed = 0;
        var kept = new List<Detection>(spans.Count);
        foreach (var span in spans)
        {
            state.Feed(text.AsSpan(fed, span.Start - fed));
            kept.Add(Quoted(state, span));
            state.Feed(text.AsSpan(span.Start, span.Length));
            fed = span.End;
        }

        return kept;
    }

    /// <summary><paramref name="span"/> with its placeholder quoted when <paramref name="state"/> (the text up to
    /// the span) stands at a bare value.</summary>
    public static Detection Quoted(JsonTextState state, Detection span) =>
        state.AtBareValue && !span.Replacement.StartsWith('"') ? span with { Replacement = "\"" + span.Replacement + "\"" } : span;

    private static bool OpensAsJson(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        return trimmed.Length > 0 && trimmed[0] is '{' or '[';
    }
}

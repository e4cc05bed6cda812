using System.Text;

namespace Guardrails.Checks;

/// <summary>Applies span replacements: overlapping spans are resolved first (earliest start wins, then the
/// longest, then the first found), and the survivors are replaced right to left so offsets hold.</summary>
internal static class Redaction
{
    /// <summary>The non-overlapping subset of <paramref name="spans"/> that a redaction applies, in text order.</summary>
    public static List<Detection> Resolve(IEnumerable<Detection> spans)
    {
        var ordered = spans
            .Where(d => d.HasSpan)
            .Select((d, i) => (Detection: d, Order: i))
            .OrderBy(x => x.Detection.Start)
            .ThenByDescending(x => x.Detection.Length)
            .ThenBy(x => x.Order)
            .Select(x => x.Detection);
        var kept = new List<Detection>();
        var end = -1;
        foreach (var span in ordered)
        {
            if (span.Start >= end)
            {
                kept.Add(span);
                end = span.End;
            }
        }

        return kept;
    }

    /// <summary>Replaces each resolved span of <paramref name="text"/> with its replacement.</summary>
    public static string Apply(string text, IEnumerable<Detection> spans)
    {
        var resolved = Resolve(spans);
        if (resolved.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (var i = resolved.Count - 1; i >= 0; i--)
        {
            var span = resolved[i];
            builder.Remove(span.Start, span.Length).Insert(span.Start, span.Replacement);
        }

        return builder.ToString();
    }
}

using System.Text.Json.Nodes;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Keeps logprobs from spelling out what a redaction removed: the entries (token, bytes and
/// top_logprobs) whose token overlaps a redacted span are dropped. When the tokens do not line up with the text
/// they describe, every entry is dropped.</summary>
internal static class LogprobFilter
{
    /// <summary>Drops from <paramref name="entries"/> (a <c>logprobs.content</c> or <c>logprobs.refusal</c>
    /// array describing <paramref name="text"/>) the entries over <paramref name="spans"/>.</summary>
    public static void Drop(JsonArray entries, string text, IReadOnlyList<RedactedSpan> spans)
    {
        var offset = 0;
        var keep = new List<JsonNode?>();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject e || e["token"] is not JsonValue tv || !tv.TryGetValue<string>(out var token))
            {
                entries.Clear();
                return;
            }

            var start = offset;
            offset += token.Length;
            if (!spans.Any(s => s.Start < offset && s.End > start))
            {
                keep.Add(entry);
            }
        }

        if (offset != text.Length)
        {
            entries.Clear();
            return;
        }

        if (keep.Count == entries.Count)
        {
            return;
        }

        var kept = keep.Select(e => e?.DeepClone()).ToList();
        entries.Clear();
        foreach (var e in kept)
        {
            entries.Add(e);
        }
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Memory.WriteBack.Extraction.Evaluation;

namespace Benchmarks.Extraction;

/// <summary>Every turn of LoCoMo conversations (<c>session_N</c> arrays of <c>{speaker, dia_id, text}</c>) as an
/// extraction case with nothing expected, so the extractor's output on long friendly chit-chat can be counted and
/// read: each turn is sent as its speaker's own message, the way a chat app would send it.</summary>
internal static partial class ConversationTurns
{
    public static IReadOnlyList<ExtractionCase> Load(string directory)
    {
        var cases = new List<ExtractionCase>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var conversation = Path.GetFileNameWithoutExtension(file);
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var sessions = document.RootElement.EnumerateObject()
                .Select(p => (Property: p, Match: SessionKey().Match(p.Name)))
                .Where(s => s.Match.Success && s.Property.Value.ValueKind == JsonValueKind.Array)
                .OrderBy(s => int.Parse(s.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (property, _) in sessions)
            {
                foreach (var turn in property.Value.EnumerateArray())
                {
                    var id = turn.TryGetProperty("dia_id", out var d) ? d.GetString() : null;
                    var text = turn.TryGetProperty("text", out var t) ? t.GetString() : null;
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        cases.Add(new ExtractionCase($"{conversation}-{id}", "dev", "conversation", text, []));
                    }
                }
            }
        }

        return cases;
    }

    [GeneratedRegex(@"^session_(\d+)$")]
    private static partial Regex SessionKey();
}

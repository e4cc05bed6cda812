using System.Text.Json;

namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>Reads a labelled extraction set: JSON lines of <c>{"id", "split", "category", "text", "expect":
/// [{"text", "action"?: "retract", "optional"?: true}]}</c>; an empty <c>expect</c> means "store nothing".</summary>
internal static class ExtractionSet
{
    public static IReadOnlyList<ExtractionCase> Load(string path) => Parse(File.ReadLines(path));

    public static IReadOnlyList<ExtractionCase> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var cases = new List<ExtractionCase>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                cases.Add(ParseLine(line));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"Extraction set line {number}: {e.Message}", e);
            }
        }

        return cases;
    }

    private static ExtractionCase ParseLine(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var expected = new List<ExpectedFact>();
        foreach (var e in root.GetProperty("expect").EnumerateArray())
        {
            var action = e.TryGetProperty("action", out var a) && a.GetString() == "retract" ? FactAction.Retract : FactAction.Assert;
            var optional = e.TryGetProperty("optional", out var o) && o.GetBoolean();
            expected.Add(new ExpectedFact(e.GetProperty("text").GetString()!, action, optional));
        }

        return new ExtractionCase(
            root.GetProperty("id").GetString()!,
            root.TryGetProperty("split", out var split) ? split.GetString()! : "dev",
            root.GetProperty("category").GetString()!,
            root.GetProperty("text").GetString()!,
            expected);
    }
}

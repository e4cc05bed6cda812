using System.Text.Json;

namespace Memory.Tests.Retrieval;

/// <summary>The paraphrase dev set (<c>Retrieval/Data/paraphrase-dev.jsonl</c>, copied beside the tests): memories,
/// questions about them that share no content word with them, and distractors that share the questions' generic words.
/// The <c>paraphrase</c> benchmark reads the same file.</summary>
internal static class ParaphraseDevSet
{
    public static IReadOnlyList<Pair> Pairs { get; } = Load();

    private static List<Pair> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Retrieval", "Data", "paraphrase-dev.jsonl");
        return File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new Pair(
                root.GetProperty("id").GetString()!,
                root.GetProperty("domain").GetString()!,
                root.GetProperty("memory").GetString()!,
                root.GetProperty("question").GetString()!,
                root.GetProperty("distractors").EnumerateArray().Select(d => d.GetString()!).ToList());
        }).ToList();
    }

    internal sealed record Pair(string Id, string Domain, string Memory, string Question, IReadOnlyList<string> Distractors);
}

using System.Text.Json;

namespace Memory.Tests.Retrieval;

/// <summary>The paraphrase sets (<c>Retrieval/Data/*.jsonl</c>, copied beside the tests): memories, questions about them
/// that share no content word with them, and distractors that share the questions' generic words. <see cref="Pairs"/>
/// is the dev set (tuned on); <see cref="HeldOut"/> was written apart, before any variant was measured on it, and is
/// only checked against. The <c>paraphrase</c> benchmark reads the same files.</summary>
internal static class ParaphraseDevSet
{
    public const string DevFile = "paraphrase-dev.jsonl";
    public const string HeldOutFile = "paraphrase-heldout.jsonl";

    public static IReadOnlyList<Pair> Pairs { get; } = Load(DevFile);

    public static IReadOnlyList<Pair> HeldOut { get; } = Load(HeldOutFile);

    public static IReadOnlyList<Pair> Of(string file) => file == HeldOutFile ? HeldOut : Pairs;

    private static List<Pair> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Retrieval", "Data", file);
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

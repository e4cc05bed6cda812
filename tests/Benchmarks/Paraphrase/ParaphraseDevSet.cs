using System.Text.Json;

namespace Benchmarks.Paraphrase;

/// <summary>Reads <c>tests/Memory.Tests/Retrieval/Data/paraphrase-dev.jsonl</c>: one JSON object per line with
/// <c>id</c>, <c>domain</c>, <c>memory</c>, <c>question</c> and <c>distractors</c>.</summary>
internal static class ParaphraseDevSet
{
    /// <summary>The set's path relative to the repository root (kept stable: other evaluations read it).</summary>
    public const string RelativePath = "tests/Memory.Tests/Retrieval/Data/paraphrase-dev.jsonl";

    public static IReadOnlyList<ParaphrasePair> Load(string path)
    {
        var pairs = new List<ParaphrasePair>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            pairs.Add(new ParaphrasePair(
                Text(root, "id"),
                Text(root, "domain"),
                Text(root, "memory"),
                Text(root, "question"),
                root.GetProperty("distractors").EnumerateArray().Select(d => d.GetString() ?? string.Empty).ToList()));
        }

        return pairs;
    }

    /// <summary>The set in the repository that contains the current directory.</summary>
    public static string DefaultPath()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Gateway.sln")))
            {
                return Path.Combine(d.FullName, RelativePath);
            }
        }

        throw new FileNotFoundException($"No Gateway.sln above the current directory; pass --data {RelativePath}.");
    }

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString() ?? string.Empty;
}

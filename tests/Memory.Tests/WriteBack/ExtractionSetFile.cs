
using Memory.WriteBack.Extraction.Evaluation;

namespace Memory.Tests.WriteBack;

/// <summary>Finds the repository's labelled extraction set (tests/Memory.Tests/WriteBack/Data/extraction-set.jsonl).</summary>
internal static class ExtractionSetFile
{
    public const string RelativePath = "tests/Memory.Tests/WriteBack/Data/extraction-set.jsonl";

    private static readonly Lazy<IReadOnlyList<ExtractionCase>> Cases = new(() => ExtractionSet.Load(PathOf()));

    public static IReadOnlyList<ExtractionCase> All => Cases.Value;

    public static string PathOf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{RelativePath} not found above {AppContext.BaseDirectory}");
    }
}

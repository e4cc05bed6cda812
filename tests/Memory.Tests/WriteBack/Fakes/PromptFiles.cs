using System.Text.RegularExpressions;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>Finds and reads the repository's prompts/*.yaml (a minimal reader for the template block and the
/// declared input variable names).</summary>
internal static partial class PromptFiles
{
    public static string PathOf(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "prompts", name + ".yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"prompts/{name}.yaml not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The literal block under <c>template: |</c>, de-indented.</summary>
    public static string Template(string name)
    {
        var lines = File.ReadAllLines(PathOf(name));
        var start = Array.FindIndex(lines, l => l.StartsWith("template: |", StringComparison.Ordinal));
        var body = lines.Skip(start + 1).TakeWhile(l => l.Length == 0 || l.StartsWith("  ", StringComparison.Ordinal));
        return string.Join("\n", body.Select(l => l.Length >= 2 ? l[2..] : l));
    }

    public static IReadOnlySet<string> DeclaredVariables(string name) =>
        DeclaredName().Matches(File.ReadAllText(PathOf(name))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> UsedVariables(string name) =>
        UsedName().Matches(Template(name)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\s+- name: (\w+)\s*$", RegexOptions.Multiline)]
    private static partial Regex DeclaredName();

    [GeneratedRegex(@"\{\{\s*\$(\w+)\s*\}\}")]
    private static partial Regex UsedName();
}

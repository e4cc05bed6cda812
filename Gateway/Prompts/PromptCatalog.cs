namespace Gateway.Prompts;

/// <summary>An immutable snapshot of every template file; reloads build a new one and swap it in whole, so a
/// request always sees one consistent set.</summary>
internal sealed class PromptCatalog
{
    public static PromptCatalog Empty { get; } = new(new Dictionary<string, PromptTemplateEntry>(StringComparer.OrdinalIgnoreCase), directoryExists: false);

    public PromptCatalog(IReadOnlyDictionary<string, PromptTemplateEntry> entries, bool directoryExists)
    {
        Entries = entries;
        DirectoryExists = directoryExists;
    }

    /// <summary>Entries by template name (file name without extension), case-insensitive.</summary>
    public IReadOnlyDictionary<string, PromptTemplateEntry> Entries { get; }

    public bool DirectoryExists { get; }

    /// <summary>The template being served under this name, or null when none loaded.</summary>
    public CompiledPromptTemplate? Find(string name) =>
        Entries.TryGetValue(name, out var entry) ? entry.Served : null;
}

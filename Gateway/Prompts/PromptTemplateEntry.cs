namespace Gateway.Prompts;

/// <summary>One template file's state: what is being served (the last version that loaded), and why the file on
/// disk failed to load, if it did.</summary>
internal sealed record PromptTemplateEntry(string Name, string FileName, string ContentHash, CompiledPromptTemplate? Served, string? Error)
{
    public bool IsHealthy => Error is null;
}

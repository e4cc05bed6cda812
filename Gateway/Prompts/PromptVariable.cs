namespace Gateway.Prompts;

/// <summary>A declared input variable of a loaded template.</summary>
public sealed record PromptVariable(string Name, string? Description, string? Default, bool IsRequired);

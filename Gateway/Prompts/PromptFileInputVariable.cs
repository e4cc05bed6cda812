namespace Gateway.Prompts;

/// <summary>One <c>input_variables</c> entry: Semantic Kernel's name, description, default and is_required.</summary>
internal sealed class PromptFileInputVariable
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? Default { get; set; }
    /// <summary>Semantic Kernel's default: a declared variable is required unless it says otherwise.</summary>
    public bool IsRequired { get; set; } = true;
}

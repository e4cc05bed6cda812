namespace Gateway.Prompts;

/// <summary>A template file as YAML holds it: Semantic Kernel's prompt template config shape plus the gateway's
/// <c>variants</c> extension. Unknown keys (execution_settings, ...) are ignored.</summary>
internal sealed class PromptFileDocument
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? TemplateFormat { get; set; }
    public string? Template { get; set; }
    public List<PromptFileInputVariable>? InputVariables { get; set; }
    public List<PromptFileVariant>? Variants { get; set; }
}

namespace Gateway.Prompts;

/// <summary>One <c>variants</c> entry (the gateway's extension): a weighted alternative template for A/B tests.
/// Without <c>template</c> the variant serves the file's main template.</summary>
internal sealed class PromptFileVariant
{
    public string? Name { get; set; }
    public double Weight { get; set; } = 1;
    public string? Template { get; set; }
    public string? Description { get; set; }
}

using Microsoft.SemanticKernel;

namespace Gateway.Prompts;

/// <summary>One servable form of a template: its variant name (null when the file declares no variants), its
/// weight in the split, and the Semantic Kernel template that renders it.</summary>
internal sealed record PromptVariant(string? Name, double Weight, IPromptTemplate Template);

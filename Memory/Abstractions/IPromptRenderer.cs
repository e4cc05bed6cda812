namespace Memory.Abstractions;

/// <summary>Renders a named template from the prompts directory (memory-extract, memory-consolidate, ...).
/// The gateway implements it with its Semantic Kernel template store; Memory only needs this much.</summary>
public interface IPromptRenderer
{
    /// <summary>Renders <paramref name="templateName"/> with the variables; values are data, never template syntax.</summary>
    Task<RenderedPrompt> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default);
}

/// <summary>A rendered prompt and the template version it came from.</summary>
public sealed record RenderedPrompt(string Text, string TemplateName, string Version);

using Memory.Abstractions;

namespace Gateway.Prompts;

/// <summary>Renders any loaded template by name for the gateway's own LLM calls (memory extraction and
/// consolidation, guardrail re-asks). The file's main template is rendered; variants apply to chat templates only.</summary>
internal sealed class PromptRenderer : IPromptRenderer
{
    private readonly PromptTemplateStore _store;

    public PromptRenderer(PromptTemplateStore store) => _store = store;

    public async Task<RenderedPrompt> RenderAsync(string templateName, IReadOnlyDictionary<string, object?> variables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        ArgumentNullException.ThrowIfNull(variables);
        var catalog = _store.Catalog;
        var template = catalog.Find(templateName);
        if (template is null)
        {
            throw new PromptTemplateException(catalog.Entries.TryGetValue(templateName, out var entry)
                ? $"Prompt template '{templateName}' has never loaded: {entry.Error}"
                : $"No prompt template named '{templateName}' in {_store.Directory}.");
        }

        var text = await template.RenderAsync(template.Main, PromptVariableValues.ToText(variables), cancellationToken).ConfigureAwait(false);
        return new RenderedPrompt(text, template.Name, template.Version);
    }
}

using Memory.Model;

namespace Gateway.Prompts;

/// <summary>Builds the prompt endpoints' answers from the store, the assembler's result and the stats.</summary>
internal static class PromptApiMapper
{
    public static PromptListResponse List(PromptCatalog catalog) =>
        new(catalog.Entries.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(Item).ToList());

    private static PromptListItem Item(PromptTemplateEntry entry)
    {
        var served = entry.Served;
        return new PromptListItem(
            entry.Name,
            entry.FileName,
            // A chat.yaml that never loaded is served by the built-in frame: that is the version being served.
            served?.Version ?? (string.Equals(entry.Name, PromptTemplateSelector.DefaultTemplate, StringComparison.OrdinalIgnoreCase) ? BuiltInChatTemplate.Version : null),
            entry.IsHealthy ? "ok" : "error",
            entry.Error,
            served?.Description,
            served?.Variables.Select(v => new PromptVariableItem(v.Name, v.Description, v.Default, v.IsRequired)).ToList() ?? [],
            served is { HasVariants: true }
                ? served.Variants.Select(v => new PromptVariantItem(v.Name!, v.Weight)).ToList()
                : []);
    }

    public static PromptPreviewResponse Preview(AssembledPrompt prompt, string? user) =>
        new(prompt.Messages,
            prompt.Memories.Select(Memory).ToList(),
            // Not personalized (no user, consent withdrawn): no template framed it, said with nulls, never a missing object.
            prompt.IsPersonalized ? new PromptPreviewTemplate(prompt.TemplateName, prompt.TemplateVersion, prompt.Variant) : new PromptPreviewTemplate(null, null, null),
            new PromptPreviewUsage(prompt.PromptTokens, prompt.MemoryTokens),
            user);

    public static PromptMemoryItem Memory(MemoryItem m) =>
        new(m.Id, m.Text, m.Context, m.Confidence, m.OccurredAt, m.CreatedAt, m.UpdatedAt, m.ValidTo, m.Sources, m.Metadata);

    /// <summary>Null when the name is neither a template nor has recorded requests.</summary>
    public static PromptStatsResponse? Stats(string name, CompiledPromptTemplate? template, IReadOnlyList<PromptVariantStats> recorded)
    {
        if (template is null && recorded.Count == 0)
        {
            return null;
        }

        var byVariant = recorded.ToDictionary(s => s.Variant, StringComparer.OrdinalIgnoreCase);
        var items = new List<PromptVariantStatsItem>();
        var declared = template is null
            ? []
            : template.HasVariants
                ? template.Variants.Select(v => (Name: v.Name!, Weight: (double?)v.Weight)).ToList()
                : [(PromptStats.DefaultVariant, (double?)null)];
        foreach (var (variant, weight) in declared)
        {
            byVariant.Remove(variant, out var stats);
            items.Add(Item(variant, weight, stats));
        }

        // Variants that served requests but are no longer declared (an edit removed them).
        items.AddRange(byVariant.Values.OrderBy(s => s.Variant, StringComparer.Ordinal).Select(s => Item(s.Variant, null, s)));
        return new PromptStatsResponse(template?.Name ?? name, template?.Version, items);
    }

    private static PromptVariantStatsItem Item(string variant, double? weight, PromptVariantStats? stats) =>
        new(variant, weight, stats?.Requests ?? 0, stats?.GuardrailInterventions ?? 0, stats?.MeanPromptTokens, stats?.MeanCompletionTokens, stats?.Versions ?? []);
}

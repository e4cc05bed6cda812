using System.Text.Json.Nodes;

namespace Gateway.Prompts;

/// <summary><c>GET /v1/prompts</c>.</summary>
internal sealed record PromptListResponse(IReadOnlyList<PromptListItem> Prompts);

/// <summary>One template file: the version being served (null when none ever loaded), whether the file on disk
/// loaded (<c>ok</c>) or not (<c>error</c>, with why).</summary>
internal sealed record PromptListItem(
    string Name,
    string File,
    string? Version,
    string Status,
    string? Error,
    string? Description,
    IReadOnlyList<PromptVariableItem> Variables,
    IReadOnlyList<PromptVariantItem> Variants);

internal sealed record PromptVariableItem(string Name, string? Description, string? Default, bool Required);

internal sealed record PromptVariantItem(string Name, double Weight);

/// <summary><c>POST /v1/prompts/preview</c>: exactly the upstream messages, the injected memories and the template,
/// and the body's <c>user</c> as it would go upstream (<c>Upstream:ForwardUser</c>; null: none would).</summary>
internal sealed record PromptPreviewResponse(JsonArray Messages, IReadOnlyList<PromptMemoryItem> Memories, PromptPreviewTemplate? Template, PromptPreviewUsage Usage, string? User);

internal sealed record PromptPreviewTemplate(string? Name, string? Version, string? Variant);

internal sealed record PromptPreviewUsage(int PromptTokens, int MemoryTokens);

/// <summary>A memory in the contract's JSON shape.</summary>
internal sealed record PromptMemoryItem(
    string Id,
    string Text,
    string Context,
    double Confidence,
    DateTimeOffset OccurredAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ValidTo,
    IReadOnlyList<string> Sources,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary><c>GET /v1/prompts/{name}/stats</c>.</summary>
internal sealed record PromptStatsResponse(string Name, string? Version, IReadOnlyList<PromptVariantStatsItem> Variants);

internal sealed record PromptVariantStatsItem(
    string Variant,
    double? Weight,
    long Requests,
    long GuardrailInterventions,
    double? MeanPromptTokens,
    double? MeanCompletionTokens,
    IReadOnlyList<string> Versions);

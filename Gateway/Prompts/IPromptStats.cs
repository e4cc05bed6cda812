namespace Gateway.Prompts;

/// <summary>Per-variant outcome counters for prompt A/B tests. The chat pipeline records every personalized
/// request once it has finished; <c>GET /v1/prompts/{name}/stats</c> reads them.</summary>
public interface IPromptStats
{
    /// <summary>Counts one finished request. Requests with no template (not personalized) are not recorded.</summary>
    void Record(PromptUsage usage);

    /// <summary>The counters of every variant of a template that has recorded requests in the tenant: one tenant's
    /// traffic is never counted in, nor visible to, another's.</summary>
    IReadOnlyList<PromptVariantStats> GetStats(string tenant, string templateName);

    /// <summary>The counters of the <see cref="PromptUsage.DefaultTenant"/> tenant (a gateway without keys).</summary>
    IReadOnlyList<PromptVariantStats> GetStats(string templateName) => GetStats(PromptUsage.DefaultTenant, templateName);
}

/// <summary>One finished request: its template, variant and version, whether a guardrail intervened (flag, redact,
/// retry or block), the upstream's token usage when it reported one, and the tenant it was made in.</summary>
public sealed record PromptUsage(
    string TemplateName,
    string? Variant,
    string? TemplateVersion,
    bool GuardrailIntervened,
    int? PromptTokens,
    int? CompletionTokens,
    string Tenant = PromptUsage.DefaultTenant)
{
    /// <summary>The tenant of a gateway without keys.</summary>
    public const string DefaultTenant = "default";
}

/// <summary>Counters of one variant since the gateway started. Means are over the requests that reported usage.</summary>
public sealed record PromptVariantStats(
    string Variant,
    long Requests,
    long GuardrailInterventions,
    double? MeanPromptTokens,
    double? MeanCompletionTokens,
    IReadOnlyList<string> Versions);

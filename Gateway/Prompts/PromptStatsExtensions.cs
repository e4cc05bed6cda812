using Gateway.Pipeline;

namespace Gateway.Prompts;

/// <summary>Records a finished chat request straight from its pipeline context.</summary>
public static class PromptStatsExtensions
{
    /// <summary>Records the request if a template framed it (<see cref="ChatRequestContext.TemplateName"/> set);
    /// otherwise does nothing.</summary>
    public static void Record(this IPromptStats stats, ChatRequestContext request, bool guardrailIntervened, int? promptTokens, int? completionTokens)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(request);
        if (request.TemplateName is { Length: > 0 } template)
        {
            stats.Record(new PromptUsage(template, request.Variant, request.TemplateVersion, guardrailIntervened, promptTokens, completionTokens, request.Caller.Tenant));
        }
    }
}

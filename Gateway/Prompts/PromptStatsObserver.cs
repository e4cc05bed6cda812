using Gateway.Pipeline;

namespace Gateway.Prompts;

/// <summary>Feeds every answered chat request into the variant statistics: requests, whether a guardrail
/// intervened, and the upstream's token usage (zero counts mean none was reported and are left out of the means).
/// Requests that never got an answer (upstream failures, cancelled clients) say nothing about a prompt and are not counted.</summary>
internal sealed class PromptStatsObserver(IPromptStats stats) : IChatRequestObserver
{
    public void OnCompleted(ChatRequestContext request, string outcome)
    {
        if (outcome is not ("ok" or "blocked"))
        {
            return;
        }

        stats.Record(
            request,
            guardrailIntervened: request.GuardrailInterventions > 0,
            promptTokens: request.PromptTokens > 0 ? (int)Math.Min(request.PromptTokens, int.MaxValue) : null,
            completionTokens: request.CompletionTokens > 0 ? (int)Math.Min(request.CompletionTokens, int.MaxValue) : null);
    }
}

using Gateway.Diagnostics;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>What the output guard tells the client and the logs, in one place for plain and streamed answers:
/// the block messages, and the intervention count and log line.</summary>
internal sealed class OutputGuardNotices(ILogger<OutputGuardNotices> logger)
{
    /// <summary>The content of a plain answer an output guardrail blocked.</summary>
    public string BlockedAnswer(string? rule) => $"[gateway: this answer was blocked by an output guardrail ({rule ?? "policy"})]";

    /// <summary>The last content of a stream an output guardrail stopped.</summary>
    public string BlockedStream(string? reason) => $"\n[gateway: the rest of this answer was blocked by an output guardrail ({reason ?? "policy"})]";

    /// <summary>Counts and logs a decision other than allow.</summary>
    public void Intervened(ChatRequest request, GuardrailResult result, string stage)
    {
        request.Context.GuardrailInterventions++;
        GatewayLog.GuardrailIntervened(logger, result.Action.ToString(), stage, request.Context.RequestId, result.DecisiveRule);
    }

    /// <summary>Counts and logs a streamed answer stopped by <paramref name="reason"/>.</summary>
    public void StreamBlocked(ChatRequest request, string? reason)
    {
        request.Context.GuardrailInterventions++;
        GatewayLog.GuardrailIntervened(logger, "Block", "output", request.Context.RequestId, reason);
    }
}

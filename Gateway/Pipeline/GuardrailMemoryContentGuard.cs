using Guardrails.Abstractions;
using Memory.Abstractions;
using Memory.Model;

namespace Gateway.Pipeline;

/// <summary>The memory-stage guardrail as Memory sees it: a memory is checked (and possibly redacted) before it is
/// stored and again before it is injected; a blocked memory is refused with the rule that refused it.</summary>
internal sealed class GuardrailMemoryContentGuard(IGuardrailPipeline guardrails) : IMemoryContentGuard
{
    public async ValueTask<MemoryGuardDecision> CheckAsync(UserKey user, string text, MemoryGuardPoint point, string? requestId, CancellationToken cancellationToken = default)
    {
        var context = new GuardrailRequestContext
        {
            RequestId = requestId ?? $"memory-{(point == MemoryGuardPoint.BeforeStore ? "store" : "inject")}",
            // Each check is its own call for the audit allowance: the request id above is shared by every write.
            CallId = Guid.CreateVersion7().ToString("N"),
            Tenant = user.Tenant,
            UserId = user.UserId,
        };
        var result = await guardrails.CheckAsync(GuardrailStage.Memory, text, context, cancellationToken).ConfigureAwait(false);
        if (point == MemoryGuardPoint.BeforeStore && result.SpoiledByUnfinishedChecks)
        {
            // A check that ran out of time fails closed over the whole text: redacted, the memory would be stored as
            // "[REDACTED]" (and an update would overwrite a good memory with it). Not stored now: a direct write is told
            // to retry (503), write-back retries the turn.
            return new MemoryGuardDecision(false, text, GuardrailResult.UnfinishedCheckRule, Unfinished: true);
        }

        return result.IsBlocked
            ? new MemoryGuardDecision(false, text, result.DecisiveRule)
            : new MemoryGuardDecision(true, result.Text, result.Action == GuardrailAction.Allow ? null : result.DecisiveRule);
    }
}

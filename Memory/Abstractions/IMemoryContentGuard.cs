using Memory.Model;

namespace Memory.Abstractions;

/// <summary>The memory-stage guardrail as Memory sees it: a memory is checked before it is stored and again
/// before it is injected. The gateway plugs the Guardrails library in; the default allows everything.</summary>
public interface IMemoryContentGuard
{
    ValueTask<MemoryGuardDecision> CheckAsync(UserKey user, string text, MemoryGuardPoint point, string? requestId, CancellationToken cancellationToken = default);
}

public enum MemoryGuardPoint
{
    BeforeStore,
    BeforeInject,
}

/// <summary>Allowed (possibly with redacted text) or refused with the rule that refused it. <paramref name="Unfinished"/>:
/// refused only because a check ran out of its time budget (a busy machine, not the text): write-back retries the
/// turn later instead of dropping the fact, and a direct write is answered "retry" (503) instead of "refused" (400).</summary>
public sealed record MemoryGuardDecision(bool Allowed, string Text, string? Rule = null, bool Unfinished = false)
{
    public static MemoryGuardDecision Allow(string text) => new(true, text);
}

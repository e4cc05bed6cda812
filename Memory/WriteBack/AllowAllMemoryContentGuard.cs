using Memory.Abstractions;
using Memory.Model;

namespace Memory.WriteBack;

/// <summary>The default memory guard when the gateway plugs none in: allows everything unchanged.</summary>
internal sealed class AllowAllMemoryContentGuard : IMemoryContentGuard
{
    public ValueTask<MemoryGuardDecision> CheckAsync(UserKey user, string text, MemoryGuardPoint point, string? requestId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(MemoryGuardDecision.Allow(text));
}

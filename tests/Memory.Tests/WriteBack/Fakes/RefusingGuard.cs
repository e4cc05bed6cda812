using Memory.Abstractions;
using Memory.Model;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>A memory guard that refuses any text containing one of its words and records every check.</summary>
internal sealed class RefusingGuard(params string[] refusedWords) : IMemoryContentGuard
{
    public List<(string Text, MemoryGuardPoint Point)> Checks { get; } = [];

    public ValueTask<MemoryGuardDecision> CheckAsync(UserKey user, string text, MemoryGuardPoint point, string? requestId, CancellationToken cancellationToken = default)
    {
        lock (Checks)
        {
            Checks.Add((text, point));
        }

        return ValueTask.FromResult(refusedWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))
            ? new MemoryGuardDecision(false, text, "injection.test")
            : MemoryGuardDecision.Allow(text));
    }
}

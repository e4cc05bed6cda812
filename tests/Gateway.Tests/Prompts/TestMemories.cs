using Memory.Model;

namespace Gateway.Tests.Prompts;

/// <summary>Builds memories for the tests.</summary>
internal static class TestMemories
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static MemoryItem Make(string text, double confidence = 0.9, double daysAgo = 2, string? id = null) => new()
    {
        Id = id ?? "m-" + Guid.NewGuid().ToString("N")[..8],
        Text = text,
        Confidence = confidence,
        OccurredAt = Now.AddDays(-daysAgo),
        CreatedAt = Now.AddDays(-daysAgo),
        UpdatedAt = Now.AddDays(-daysAgo),
    };
}

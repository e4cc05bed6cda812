namespace Memory.Model;

/// <summary>A memory an app or the write-back pipeline asks to store.</summary>
public sealed record NewMemory
{
    public required string Text { get; init; }
    public string? Context { get; init; }
    public double? Confidence { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public IReadOnlyList<string>? Sources { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

namespace Memory.Model;

/// <summary>A partial update (PATCH): null fields are left unchanged.</summary>
public sealed record MemoryPatch
{
    public string? Text { get; init; }
    public string? Context { get; init; }
    public double? Confidence { get; init; }
    public DateTimeOffset? OccurredAt { get; init; }
    public IReadOnlyList<string>? Sources { get; init; }
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

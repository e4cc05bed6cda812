namespace Memory.Stores;

/// <summary>Filters a store applies itself (pushed down, never after a too-small top-k).</summary>
public sealed record MemoryFilter
{
    public static MemoryFilter Current { get; } = new();

    public IReadOnlyList<string>? Contexts { get; init; }
    public double? MinConfidence { get; init; }
    /// <summary>Only memories that occurred at or after this instant.</summary>
    public DateTimeOffset? OccurredAfter { get; init; }
    public bool IncludeSuperseded { get; init; }
}

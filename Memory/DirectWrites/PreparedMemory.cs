namespace Memory.DirectWrites;

/// <summary>A validated write with defaults applied and its dedup key.</summary>
internal sealed record PreparedMemory
{
    public required string Text { get; init; }
    public required string Key { get; init; }
    public required string Context { get; init; }
    public required double Confidence { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required IReadOnlyList<string> Sources { get; init; }
    public required IReadOnlyDictionary<string, string> Metadata { get; init; }
}

namespace Memory.Model;

/// <summary>One recorded change to a memory: which event, the memory before and after, when, and by whom
/// (an app key id, "write-back", "consolidation", ...), and why (a short code such as "new", "distinct: number",
/// "value-changed: number", "patch"; null in entries recorded before reasons existed).</summary>
public sealed record MemoryHistoryEntry
{
    public required string MemoryId { get; init; }
    public required MemoryEvent Event { get; init; }
    public MemoryItem? Before { get; init; }
    public MemoryItem? After { get; init; }
    public required DateTimeOffset At { get; init; }
    public string? Actor { get; init; }
    public string? Reason { get; init; }
}

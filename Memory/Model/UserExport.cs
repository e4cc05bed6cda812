namespace Memory.Model;

/// <summary>Everything held about one user (GET /v1/users/{userId}/export).</summary>
public sealed record UserExport
{
    public required string UserId { get; init; }
    public required bool MemoryConsent { get; init; }
    public required IReadOnlyList<MemoryItem> Memories { get; init; }
    public required IReadOnlyList<MemoryHistoryEntry> History { get; init; }
    public required DateTimeOffset ExportedAt { get; init; }
}

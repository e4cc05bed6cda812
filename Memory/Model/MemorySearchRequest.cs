namespace Memory.Model;

/// <summary>A search over one user's memories (contract: POST /v1/users/{userId}/memories/search).</summary>
public sealed record MemorySearchRequest
{
    public required string Query { get; init; }
    public int Limit { get; init; } = 10;
    public IReadOnlyList<string>? Contexts { get; init; }
    public double? MinConfidence { get; init; }
    public double? MaxAgeDays { get; init; }
    public bool IncludeSuperseded { get; init; }
}

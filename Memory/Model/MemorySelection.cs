namespace Memory.Model;

/// <summary>What goes into a prompt: the user's short profile (durable, high-confidence facts, always included
/// within its own sub-budget) and the memories relevant to this request, together within the token budget.</summary>
public sealed record MemorySelection(IReadOnlyList<ScoredMemory> Profile, IReadOnlyList<ScoredMemory> Relevant)
{
    public static MemorySelection Empty { get; } = new([], []);
    public IEnumerable<ScoredMemory> All => Profile.Concat(Relevant);
}

/// <summary>Asks for memories to inject for one chat request.</summary>
public sealed record PromptMemoryRequest
{
    /// <summary>The request's query text (the last user messages).</summary>
    public required string Query { get; init; }
    public required string Context { get; init; }
    /// <summary>Most tokens the formatted memory block may take.</summary>
    public required int TokenBudget { get; init; }
    /// <summary>Upstream model name, to pick the tiktoken encoding used for counting.</summary>
    public string? Model { get; init; }
}

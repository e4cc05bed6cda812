namespace Memory.Model;

/// <summary>One durable fact about a user, as the contract's Memory section describes it.</summary>
public sealed record MemoryItem
{
    public required string Id { get; init; }
    public required string Text { get; init; }
    public string Context { get; init; } = "chat";
    /// <summary>0..1; stated facts high, inferred lower.</summary>
    public double Confidence { get; init; } = 1.0;
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    /// <summary>Set when a newer fact superseded this one; such memories are not current.</summary>
    public DateTimeOffset? ValidTo { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>Id of the embedding model that produced <see cref="Embedding"/>.</summary>
    public string? EmbeddingModel { get; init; }
    /// <summary>The stored vector (L2-normalised), or null when not yet embedded. Never serialised to apps.</summary>
    public float[]? Embedding { get; init; }

    public bool IsCurrent => ValidTo is null;
}

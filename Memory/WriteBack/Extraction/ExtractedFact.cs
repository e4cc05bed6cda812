namespace Memory.WriteBack.Extraction;

/// <summary>One thing the user said about themselves, ready for consolidation: a third-person text ("The user
/// lives in Porto"), its slot and subject, whether it asserts or retracts, and the user messages it came from.</summary>
internal sealed record ExtractedFact
{
    public required string Text { get; init; }
    public required string Slot { get; init; }
    /// <summary>The value the fact is about ("Porto", "jazz"), normalised for matching; null when unknown.</summary>
    public string? Subject { get; init; }
    public FactAction Action { get; init; } = FactAction.Assert;
    public double Confidence { get; init; }
    /// <summary>Ids of the user messages the fact came from.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>The user said it adds to what they have ("I also work at a bar on weekends", "a second job"): a
    /// single-valued slot gets another value beside the current one instead of a replacement.</summary>
    public bool Additional { get; init; }
    /// <summary>The user said it holds now, in place of what held before ("I live in Berlin now"), though the text
    /// keeps only the value: consolidation reads the fact as said "now" (<see cref="Dedup.DedupRule.Compare"/>).</summary>
    public bool Now { get; init; }
    /// <summary>Feature context, when the extractor narrowed it; null: the turn's context.</summary>
    public string? Context { get; init; }
}

/// <summary>Whether a fact states something or takes it back ("I no longer ...", "forget that ...").</summary>
internal enum FactAction
{
    Assert,
    Retract,
}

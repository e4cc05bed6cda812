using Memory.Model;

namespace Memory.WriteBack.Consolidation;

/// <summary>What to do with one new fact: ADD, UPDATE one target (optionally with merged text), SUPERSEDE or
/// DELETE targets, or NOOP; and the reason history records (<see cref="Dedup.HistoryReasons"/>).</summary>
internal sealed record ConsolidationDecision(MemoryEvent Event, IReadOnlyList<MemoryItem> Targets, string? Text = null, string? Reason = null)
{
    public static ConsolidationDecision Add { get; } = new(MemoryEvent.Add, [], Reason: Dedup.HistoryReasons.New);
    public static ConsolidationDecision Noop { get; } = new(MemoryEvent.Noop, []);

    /// <summary>The fact is older than the current memories that say otherwise (<see cref="ConsolidationDecision.Targets"/>):
    /// they stay current and the fact is kept as their past, as if it had been told first.</summary>
    public bool Historical { get; init; }

    public static ConsolidationDecision History(IReadOnlyList<MemoryItem> newer, string? reason) =>
        new(MemoryEvent.Noop, newer, Reason: reason) { Historical = true };
}

/// <summary>A current memory considered for a fact, with its cosine similarity to the fact (0 when unknown).</summary>
internal sealed record Candidate(MemoryItem Memory, double Similarity);

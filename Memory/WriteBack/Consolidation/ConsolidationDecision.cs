using Memory.Model;

namespace Memory.WriteBack.Consolidation;

/// <summary>What to do with one new fact: ADD, UPDATE one target (optionally with merged text), SUPERSEDE or
/// DELETE targets, or NOOP; and the reason history records (<see cref="Dedup.HistoryReasons"/>).</summary>
internal sealed record ConsolidationDecision(MemoryEvent Event, IReadOnlyList<MemoryItem> Targets, string? Text = null, string? Reason = null)
{
    public static ConsolidationDecision Add { get; } = new(MemoryEvent.Add, [], Reason: Dedup.HistoryReasons.New);
    public static ConsolidationDecision Noop { get; } = new(MemoryEvent.Noop, []);
}

/// <summary>A current memory considered for a fact, with its cosine similarity to the fact (0 when unknown).</summary>
internal sealed record Candidate(MemoryItem Memory, double Similarity);

using Memory.Model;

namespace Memory.DirectWrites;

/// <summary>What one write batch does: a result per requested memory, the memories to store, the history to append.</summary>
internal sealed record WriteBatchPlan(
    IReadOnlyList<MemoryWriteResult> Results,
    IReadOnlyList<MemoryItem> Upserts,
    IReadOnlyList<MemoryHistoryEntry> History);

using Memory.Model;

namespace Memory.Stores;

/// <summary>What a deleted memory leaves in history: every snapshot of it keeps its id, context, confidence and
/// instants, and loses its text, sources and metadata (what it said and what it was derived from). Entries keep their
/// event, instant, actor and reason, so history still tells that the memory existed, changed and was deleted.</summary>
public static class HistoryRedaction
{
    /// <summary>The snapshot without its content when it is of memory <paramref name="memoryId"/>; otherwise itself.</summary>
    public static MemoryItem? Redact(MemoryItem? snapshot, string memoryId) =>
        snapshot is not null && string.Equals(snapshot.Id, memoryId, StringComparison.Ordinal) ? Redacted(snapshot) : snapshot;

    /// <summary>The memory without its content (and without its vector).</summary>
    public static MemoryItem Redacted(MemoryItem memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        return memory with
        {
            Text = string.Empty,
            Sources = [],
            Metadata = new Dictionary<string, string>(),
            Embedding = null,
        };
    }

    /// <summary>The entry with the snapshots of <paramref name="memoryId"/> redacted, or null when it holds none that
    /// still carries content (nothing to rewrite).</summary>
    public static MemoryHistoryEntry? Redact(MemoryHistoryEntry entry, string memoryId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return HoldsContentOf(entry.Before, memoryId) || HoldsContentOf(entry.After, memoryId)
            ? entry with { Before = Redact(entry.Before, memoryId), After = Redact(entry.After, memoryId) }
            : null;
    }

    /// <summary>Whether the snapshot is of memory <paramref name="memoryId"/> and still carries content.</summary>
    public static bool HoldsContentOf(MemoryItem? snapshot, string memoryId) =>
        snapshot is not null && string.Equals(snapshot.Id, memoryId, StringComparison.Ordinal) &&
        (snapshot.Text.Length > 0 || snapshot.Sources.Count > 0 || snapshot.Metadata.Count > 0);
}

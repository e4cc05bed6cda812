using Memory.Model;

namespace Memory.Retrieval;

/// <summary>A query embedding already under way: whose, for which query text, and when it started (a
/// <see cref="TimeProvider"/> timestamp, from which the retrieval deadline counts).</summary>
internal sealed class PendingQueryEmbedding(UserKey owner, string query, Task<ReadOnlyMemory<float>?> embedding, long startedAt)
{
    private int _taken;

    public UserKey Owner { get; } = owner;
    public string Query { get; } = query;
    public Task<ReadOnlyMemory<float>?> Embedding { get; } = embedding;
    public long StartedAt { get; } = startedAt;

    public bool IsTaken => Volatile.Read(ref _taken) == 1;

    /// <summary>True once, for the retrieval that uses this embedding.</summary>
    public bool TryTake() => Interlocked.Exchange(ref _taken, 1) == 0;
}

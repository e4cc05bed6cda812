using Memory.Model;

namespace Memory.Retrieval;

/// <summary>Hybrid retrieval over one user's memories (BM25 + dense, fused, reranked, diversified, budgeted).
/// <see cref="IMemoryService"/> delegates search and prompt selection to it.</summary>
public interface IMemoryRetriever
{
    Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default);

    Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Called after any change to the user's memories so cached indexes refresh.</summary>
    void Invalidate(UserKey user);
}

using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.WriteBack.Fakes;

/// <summary>Records <see cref="IMemoryRetriever.Invalidate"/> calls.</summary>
internal sealed class RecordingRetriever : IMemoryRetriever
{
    public List<UserKey> Invalidated { get; } = [];

    public Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ScoredMemory>>([]);

    public Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(MemorySelection.Empty);

    /// <summary>Runs before an invalidation is recorded; may throw (to kill the worker after the writes).</summary>
    public Action? OnInvalidate { get; set; }

    public void Invalidate(UserKey user)
    {
        OnInvalidate?.Invoke();
        lock (Invalidated)
        {
            Invalidated.Add(user);
        }
    }
}

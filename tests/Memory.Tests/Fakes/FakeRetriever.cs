using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;

namespace Memory.Tests.Fakes;

/// <summary>A word-overlap retriever over the store, recording every invalidation and selection call.</summary>
internal sealed class FakeRetriever(IMemoryStore store) : IMemoryRetriever
{
    public List<UserKey> Invalidations { get; } = [];

    public int Selections { get; private set; }

    public async Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        var memories = await store.ListAsync(user, new MemoryFilter
        {
            Contexts = request.Contexts,
            MinConfidence = request.MinConfidence,
            IncludeSuperseded = request.IncludeSuperseded,
        }, cancellationToken);
        var words = request.Query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return memories
            .Select(m => new ScoredMemory(m, words.Count(w => m.Text.Contains(w, StringComparison.OrdinalIgnoreCase))))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .Take(request.Limit)
            .ToList();
    }

    public async Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default)
    {
        Selections++;
        var relevant = await SearchAsync(user, new MemorySearchRequest { Query = request.Query }, cancellationToken);
        return new MemorySelection([], relevant);
    }

    public void Invalidate(UserKey user)
    {
        lock (Invalidations)
        {
            Invalidations.Add(user);
        }
    }
}

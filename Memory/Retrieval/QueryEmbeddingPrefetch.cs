using Memory.Embeddings;
using Memory.Model;

namespace Memory.Retrieval;

/// <summary>Starts a request's query embedding as soon as its last user message is known, before consent, the
/// template, the index and the input guardrails, so they run beside it; the retriever of the same async flow takes it
/// instead of embedding again. An embedding nobody took (no consent, a blocked input, a query the input guardrails
/// changed) is dropped from the embedding cache once it lands, so such a request leaves nothing behind.</summary>
public sealed class QueryEmbeddingPrefetch(IMemoryRetriever retriever, RetrievalDeadline deadline)
{
    private static readonly AsyncLocal<PendingQueryEmbedding?> Current = new();

    /// <summary>The user and query of this flow whose prefetch was not started (too many late embeddings, or nothing
    /// to embed): the retriever then goes on without an embedding instead of asking again, so the call counts one
    /// deadline miss, not two.</summary>
    private static readonly AsyncLocal<(UserKey User, string Query)?> NotStarted = new();

    private readonly HybridRetriever? _retriever = retriever as HybridRetriever;

    /// <summary>True when the embedder runs in this process (a prefetch then sends no text anywhere before the
    /// input guardrails have seen it).</summary>
    public bool EmbedsInProcess => _retriever?.EmbedsInProcess ?? false;

    /// <summary>Starts embedding <paramref name="query"/> for <paramref name="user"/> and makes it the current
    /// flow's pending query embedding until the returned scope is disposed; null when nothing was started.</summary>
    public IDisposable? Start(UserKey user, string query)
    {
        if (_retriever is null || string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        PendingQueryEmbedding? pending;
        using (EmbeddingOwner.Use(user))
        {
            pending = _retriever.StartQueryEmbedding(user, query, underDeadline: true);
        }

        if (pending is null)
        {
            NotStarted.Value = (user, query);
            return null;
        }

        Current.Value = pending;
        return new Scope(this, pending);
    }

    /// <summary>True when this flow's prefetch for exactly this user and query was not started.</summary>
    internal static bool WasNotStarted(UserKey user, string query) =>
        NotStarted.Value is { } refused && refused.User == user && string.Equals(refused.Query, query, StringComparison.Ordinal);

    /// <summary>The pending embedding of this flow for exactly this user and query, taken once; else null.</summary>
    internal static PendingQueryEmbedding? Take(UserKey user, string query) =>
        Current.Value is { } pending && pending.Owner == user && string.Equals(pending.Query, query, StringComparison.Ordinal) && pending.TryTake()
            ? pending
            : null;

    private void Discard(PendingQueryEmbedding pending)
    {
        if (pending.TryTake())
        {
            deadline.TrackLate(pending.Embedding);
            _ = _retriever!.ForgetQueryAsync(pending);
        }
    }

    private sealed class Scope(QueryEmbeddingPrefetch owner, PendingQueryEmbedding pending) : IDisposable
    {
        public void Dispose()
        {
            if (Current.Value == pending)
            {
                Current.Value = null;
            }

            owner.Discard(pending);
        }
    }
}

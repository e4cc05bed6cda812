using Memory.Embeddings;
using Memory.Embeddings.Hash;
using Memory.Embeddings.Onnx;
using Memory.Model;
using Microsoft.Extensions.AI;

namespace Memory.Retrieval;

/// <summary>The query embedding under the retrieval deadline (<see cref="RetrievalDeadline"/>), and its start ahead
/// of retrieval (<see cref="QueryEmbeddingPrefetch"/>).</summary>
internal sealed partial class HybridRetriever
{
    /// <summary>True when the embedder computes in this process (ONNX or hash), sending text nowhere.</summary>
    internal bool EmbedsInProcess => _embedder.GetService<OnnxEmbeddingGenerator>() is not null || _embedder.GetService<HashEmbeddingGenerator>() is not null;

    /// <summary>Starts embedding <paramref name="query"/> (as the current <see cref="EmbeddingOwner"/>); null when
    /// dense retrieval is off, the query is empty, or (under the deadline) too many embeddings are in flight or late. Under
    /// a deadline the embedding is not tied to the request's token: one that comes late still finishes and fills the
    /// cache. Searches (<c>/search</c>) wait for their embedding; prompt selection is under the deadline.</summary>
    internal PendingQueryEmbedding? StartQueryEmbedding(UserKey user, string query, bool underDeadline, CancellationToken cancellationToken = default)
    {
        if (_options.DenseWeight <= 0 || string.IsNullOrWhiteSpace(query) || (underDeadline && !_deadline.TryAdmit()))
        {
            return null;
        }

        var started = _time.GetTimestamp();
        var token = underDeadline && _deadline.Deadline > TimeSpan.Zero ? CancellationToken.None : cancellationToken;
        // Everything up to the model's answer (the cache's key and disk lookup, which complete synchronously, and the
        // tokenizer) runs on the pool, not on the caller's thread: the request goes on at once. The hash embedder is
        // cheaper than the hop.
        var embedding = _embedsCheaply ? EmbedQueryAsync(query, token) : Task.Run(() => EmbedQueryAsync(query, token), CancellationToken.None);
        if (underDeadline)
        {
            _deadline.Admitted(embedding, started);
        }

        return new PendingQueryEmbedding(user, query, embedding, started);
    }

    /// <summary>Drops a prefetched query's vector from the embedding cache once it lands (nobody used it).</summary>
    internal async Task ForgetQueryAsync(PendingQueryEmbedding pending)
    {
        if (_embedder.GetService<IEmbeddingCache>() is not { } cache)
        {
            return;
        }

        try
        {
            await pending.Embedding.ConfigureAwait(false);
            using (EmbeddingOwner.Use(pending.Owner))
            {
                await cache.ForgetAsync([EmbeddedPart(pending.Query, _options.MaxQueryEmbeddingCharacters)], CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            RetrievalLog.QueryEmbeddingFailed(_logger, ex.GetType().Name, ex);
        }
    }

    private Task<ReadOnlyMemory<float>?> WaitForQueryAsync(PendingQueryEmbedding? embedding, bool underDeadline, CancellationToken cancellationToken) =>
        embedding is null ? Task.FromResult<ReadOnlyMemory<float>?>(null)
        : underDeadline ? _deadline.WaitAsync(embedding.Embedding, embedding.StartedAt, cancellationToken)
        : embedding.Embedding.WaitAsync(cancellationToken);
}

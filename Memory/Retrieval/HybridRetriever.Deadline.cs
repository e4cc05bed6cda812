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
        // The shipped embedders start on the caller's thread: what comes before the model's answer (the cache's key and
        // in-memory lookup, the tokenizer, handing the ids to the ONNX worker) takes tens of microseconds, less than a
        // hop to the pool (about 0.1 ms when its threads sleep), so the model starts that much sooner. Any other
        // embedder starts on the pool: whatever it does synchronously must not hold the request (docs/embedders.md).
        var embedding = _startsQueriesCheaply ? EmbedQueryAsync(query, token) : Task.Run(() => EmbedQueryAsync(query, token), CancellationToken.None);
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
                cache.ForgetQueries([EmbeddedPart(pending.Query, _options.MaxQueryEmbeddingCharacters)]);
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

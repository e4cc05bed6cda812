using Memory.Model;

namespace Memory.Embeddings;

/// <summary>A cache of embeddings keyed by model and a per-tenant salted text hash, reachable through the generator
/// pipeline with <c>generator.GetService&lt;IEmbeddingCache&gt;()</c>, so erasure can drop an erased user's entries.</summary>
internal interface IEmbeddingCache
{
    /// <summary>Drops the cached vectors of these texts (in the current owner's tenant and unowned), for every model.</summary>
    Task ForgetAsync(IEnumerable<string> texts, CancellationToken cancellationToken = default);

    /// <summary>Drops the current owner's cached search-query vectors of these texts (memory only: queries never go to
    /// disk), as when a prefetched query nobody used lands.</summary>
    void ForgetQueries(IEnumerable<string> texts);

    /// <summary>Erasure: drops every entry the user caused (their queries, their memories' texts) and the entries of
    /// <paramref name="texts"/> in the user's tenant and unowned, then truncates the cache file's write-ahead log;
    /// throws <see cref="ErasureIncompleteException"/> when it cannot.</summary>
    Task ForgetUserAsync(UserKey user, IEnumerable<string> texts, CancellationToken cancellationToken = default);
}

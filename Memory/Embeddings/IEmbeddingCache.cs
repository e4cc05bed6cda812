namespace Memory.Embeddings;

/// <summary>A cache of embeddings keyed by model and text hash, reachable through the generator pipeline with
/// <c>generator.GetService&lt;IEmbeddingCache&gt;()</c>, so erasure can drop an erased user's entries.</summary>
internal interface IEmbeddingCache
{
    /// <summary>Drops the cached vectors of these texts, for every model.</summary>
    Task ForgetAsync(IEnumerable<string> texts, CancellationToken cancellationToken = default);
}

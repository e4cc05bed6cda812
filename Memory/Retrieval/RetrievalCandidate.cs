namespace Memory.Retrieval;

/// <summary>One memory under consideration for a query, with what each ranker and each later stage made of it.</summary>
internal sealed class RetrievalCandidate(IndexedMemory document)
{
    public IndexedMemory Document { get; } = document;

    /// <summary>BM25 score (0 when no query term occurs in it).</summary>
    public double Lexical { get; set; }

    /// <summary>Share of the query's attainable idf mass whose terms occur in the memory, in [0, 1] (0: no shared term).</summary>
    public double LexicalCoverage { get; set; }

    /// <summary>1-based rank in the BM25 candidate list, or null when not in it.</summary>
    public int? LexicalRank { get; set; }

    /// <summary>Cosine similarity to the query, or null when unknown (no vector of the current model).</summary>
    public double? Dense { get; set; }

    /// <summary>1-based rank in the dense candidate list, or null when not in it.</summary>
    public int? DenseRank { get; set; }

    /// <summary>Fused relevance before reranking.</summary>
    public double Fused { get; set; }

    /// <summary>Final relevance: fused, scaled by confidence, freshness and context.</summary>
    public double Score { get; set; }

    /// <summary>Numbers the dense list again by <see cref="Dense"/> after a stage moved cosines (hub correction,
    /// answer-type prior); candidates outside the dense list stay outside it.</summary>
    public static void RerankDense(IEnumerable<RetrievalCandidate> candidates)
    {
        var rank = 0;
        foreach (var candidate in candidates.Where(c => c.DenseRank is not null).OrderByDescending(c => c.Dense))
        {
            candidate.DenseRank = ++rank;
        }
    }
}

namespace Memory.Retrieval;

/// <summary>How the lexical (BM25) and dense rankings are combined (<c>Memory:Retrieval:Fusion</c>).</summary>
public enum FusionMethod
{
    /// <summary>Weighted sum of normalised scores: BM25 scaled by <see cref="RetrievalOptions.LexicalNormalization"/>
    /// (by default against the query's attainable score), cosine as is (clipped at 0). The default.</summary>
    Weighted,

    /// <summary>Reciprocal rank fusion: the sum of weight / (k + rank) over the rankings a memory appears in.</summary>
    Rrf,
}

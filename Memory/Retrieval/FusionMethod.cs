namespace Memory.Retrieval;

/// <summary>How the lexical (BM25) and dense rankings are combined (<c>Memory:Retrieval:Fusion</c>).</summary>
public enum FusionMethod
{
    /// <summary>Weighted sum of per-query normalised scores (BM25 divided by the best BM25, cosine min-max
    /// scaled over the candidates).</summary>
    Weighted,

    /// <summary>Reciprocal rank fusion: the sum of weight / (k + rank) over the rankings a memory appears in.</summary>
    Rrf,
}

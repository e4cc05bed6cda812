namespace Memory.Retrieval;

/// <summary>How the lexical (BM25) and dense rankings are combined (<c>Memory:Retrieval:Fusion</c>).</summary>
public enum FusionMethod
{
    /// <summary>Weighted sum of normalised scores: BM25 divided by the query's best BM25, cosine as is (clipped at
    /// 0). The default: best on the LoCoMo dev split.</summary>
    Weighted,

    /// <summary>Reciprocal rank fusion: the sum of weight / (k + rank) over the rankings a memory appears in.</summary>
    Rrf,
}

namespace Memory.Retrieval;

/// <summary>How weighted fusion puts BM25, which is unbounded and query-dependent, on the [0, 1] scale of cosine
/// (<c>Memory:Retrieval:LexicalNormalization</c>).</summary>
public enum LexicalNormalization
{
    /// <summary>BM25 divided by the query's attainable score: what a memory of average length containing every query
    /// term once would score (the sum of the terms' idf; a term no memory contains counts with the idf of an unseen
    /// term). A memory matching one generic word of a four-word question gets about a quarter, not 1. The default.</summary>
    Attainable,

    /// <summary>BM25 divided by the best candidate's BM25 (the earlier default): the best lexical match gets 1 however
    /// little of the query it covers, so one shared generic word can outvote the dense ranking.</summary>
    BestCandidate,
}

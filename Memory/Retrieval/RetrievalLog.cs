using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Retrieval;

/// <summary>Retrieval log messages (event ids 2200-2399). Counts and timings only: never memory or query text.</summary>
internal static partial class RetrievalLog
{
    [LoggerMessage(EventId = MemoryEventIds.RetrievalIndexBuilt, EventName = "RetrievalIndexBuilt", Level = LogLevel.Debug,
        Message = "Built a BM25 index of {Documents} memories ({Bytes} bytes) in {ElapsedMs:F1} ms")]
    public static partial void IndexBuilt(ILogger logger, int documents, long bytes, double elapsedMs);

    [LoggerMessage(EventId = MemoryEventIds.RetrievalQueryEmbeddingFailed, EventName = "RetrievalQueryEmbeddingFailed", Level = LogLevel.Warning,
        Message = "Embedding the query failed ({ErrorType}); this search uses BM25 alone")]
    public static partial void QueryEmbeddingFailed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.RetrievalIndexesEvicted, EventName = "RetrievalIndexesEvicted", Level = LogLevel.Debug,
        Message = "Evicted {Count} BM25 indexes ({Bytes} bytes) to stay within the cache bound")]
    public static partial void IndexesEvicted(ILogger logger, int count, long bytes);

    [LoggerMessage(EventId = MemoryEventIds.RetrievalSearched, EventName = "RetrievalSearched", Level = LogLevel.Debug,
        Message = "Search: {Lexical} lexical and {Dense} dense candidates, {Returned} returned in {ElapsedMs:F1} ms")]
    public static partial void Searched(ILogger logger, int lexical, int dense, int returned, double elapsedMs);

    [LoggerMessage(EventId = MemoryEventIds.RetrievalPromptSelected, EventName = "RetrievalPromptSelected", Level = LogLevel.Debug,
        Message = "Prompt memories: {Profile} profile and {Relevant} relevant, {Tokens} of {Budget} tokens")]
    public static partial void PromptSelected(ILogger logger, int profile, int relevant, int tokens, int budget);

    [LoggerMessage(EventId = MemoryEventIds.RetrievalDenseSearchFailed, EventName = "RetrievalDenseSearchFailed", Level = LogLevel.Warning,
        Message = "Dense search in the store failed ({ErrorType}); this search uses BM25 alone")]
    public static partial void DenseSearchFailed(ILogger logger, string errorType, Exception exception);
}

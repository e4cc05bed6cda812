using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Stores.Qdrant;

/// <summary>The Qdrant store's log events (ids 2400-2499). Never user ids, memory text or keys.</summary>
internal static partial class QdrantStoreLog
{
    [LoggerMessage(EventId = MemoryEventIds.QdrantCollectionCreated, EventName = "QdrantCollectionCreated", Level = LogLevel.Information,
        Message = "Created Qdrant collection {Collection} ({Dimensions} dimensions, cosine)")]
    public static partial void CollectionCreated(ILogger logger, string collection, int dimensions);

    [LoggerMessage(EventId = MemoryEventIds.QdrantCollectionCreatedElsewhere, EventName = "QdrantCollectionCreatedElsewhere", Level = LogLevel.Debug,
        Message = "Qdrant collection {Collection} was created concurrently by another writer; using it")]
    public static partial void CollectionCreatedElsewhere(ILogger logger, string collection);

    [LoggerMessage(EventId = MemoryEventIds.QdrantPayloadIndexesEnsured, EventName = "QdrantPayloadIndexesEnsured", Level = LogLevel.Debug,
        Message = "Ensured {Count} payload indexes on Qdrant collection {Collection}")]
    public static partial void PayloadIndexesEnsured(ILogger logger, int count, string collection);

    [LoggerMessage(EventId = MemoryEventIds.QdrantNotReady, EventName = "QdrantNotReady", Level = LogLevel.Warning,
        Message = "Qdrant is not reachable or refused the request ({StatusCode})")]
    public static partial void NotReady(ILogger logger, string statusCode, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.QdrantCollectionVanished, EventName = "QdrantCollectionVanished", Level = LogLevel.Warning,
        Message = "Qdrant collection {Collection} disappeared; re-creating it and retrying the write")]
    public static partial void CollectionVanished(ILogger logger, string collection);

    [LoggerMessage(EventId = MemoryEventIds.QdrantUserErased, EventName = "QdrantUserErased", Level = LogLevel.Information,
        Message = "Erased a user's points from {Collections} Qdrant collections")]
    public static partial void UserErased(ILogger logger, int collections);

    [LoggerMessage(EventId = MemoryEventIds.QdrantStaleEmbeddingsFound, EventName = "QdrantStaleEmbeddingsFound", Level = LogLevel.Debug,
        Message = "Found {Count} memories not embedded by {Model} across {Collections} Qdrant collections")]
    public static partial void StaleEmbeddingsFound(ILogger logger, int count, string model, int collections);
}

namespace Memory.Diagnostics;

/// <summary>Every log event id of the Memory assembly, in one place so none is used twice (range 2000-2999; a test
/// fails on a duplicate or an id outside it). Grouped by area; the source-generated <c>[LoggerMessage]</c> methods
/// name these constants.</summary>
internal static class MemoryEventIds
{
    // MemoryService.cs
    public const int MemoriesWritten = 2000;
    public const int MemoryEmbeddingFailed = 2001;
    public const int MemoryUserErased = 2002;
    public const int MemoryConsentChanged = 2003;
    public const int DeletedTextCacheForgetFailed = 2004;
    public const int WriteBackDeletedTextCacheForgetFailed = 2005;
    public const int ConsentBarrierTimedOut = 2006;

    // Stores/Sqlite/SqliteMemoryStore.cs
    public const int SqliteStoreOpened = 2050;
    public const int SqliteCheckpointIncomplete = 2051;
    public const int SqliteStoreNotReady = 2052;
    public const int VectorIndexLoaded = 2053;

    // Stores/ErasureLog.cs
    public const int TombstoneRecorded = 2060;
    public const int TurnRefusedErased = 2061;
    public const int TurnRemovedAfterErasure = 2062;
    public const int WalNotTruncated = 2063;
    public const int TombstonesNotDurable = 2064;

    // Embeddings/CachingEmbeddingGenerator.cs
    public const int EmbeddingCacheFailed = 2100;

    // Embeddings/ReembeddingService.cs
    public const int MemoriesReembedded = 2110;
    public const int ReembeddingFailed = 2111;

    // Embeddings/EmbedderSelection.cs
    public const int EmbedderFallback = 2120;

    // Retrieval/RetrievalLog.cs
    public const int RetrievalIndexBuilt = 2200;
    public const int RetrievalQueryEmbeddingFailed = 2201;
    public const int RetrievalIndexesEvicted = 2202;
    public const int RetrievalSearched = 2203;
    public const int RetrievalPromptSelected = 2204;
    public const int RetrievalDenseSearchFailed = 2205;

    // Retrieval/RetrievalDeadlineLog.cs
    public const int RetrievalDeadlineMissed = 2210;

    // Stores/Qdrant/QdrantStoreLog.cs
    public const int QdrantCollectionCreated = 2400;
    public const int QdrantCollectionCreatedElsewhere = 2401;
    public const int QdrantPayloadIndexesEnsured = 2402;
    public const int QdrantNotReady = 2403;
    public const int QdrantCollectionVanished = 2404;
    public const int QdrantUserErased = 2405;
    public const int QdrantStaleEmbeddingsFound = 2406;

    // Embeddings/Onnx/OnnxEmbeddingLog.cs
    public const int OnnxModelLoaded = 2500;
    public const int OnnxModelLoadFailed = 2501;
    public const int OnnxBatchFailed = 2502;
    public const int OnnxBatchEncoded = 2503;

    // WriteBack/WriteBackLog.cs
    public const int OutboxOpened = 2600;
    public const int TurnEnqueued = 2601;
    public const int DuplicateTurnIgnored = 2602;
    public const int TurnDroppedNoConsent = 2603;
    public const int CorruptTurnPoisoned = 2604;
    public const int UserErased = 2605;
    public const int WorkerStarted = 2610;
    public const int TurnProcessed = 2611;
    public const int TurnFailed = 2612;
    public const int TurnPoisoned = 2613;
    public const int LeaseLost = 2614;
    public const int PassFailed = 2615;
    public const int ReplayedFromCheckpoint = 2616;
    public const int FactRefusedByGuard = 2620;
    public const int FactsDroppedAsInstructions = 2621;
    public const int ExtractionAnswerInvalid = 2630;
    public const int ExtractionFallback = 2631;
    public const int ExtractedFactsUngrounded = 2635;
    public const int GroundingFailed = 2636;
    public const int ConsolidationAnswerInvalid = 2632;
    public const int ConsolidationFallback = 2633;
    public const int CompressionAnswerInvalid = 2634;
    public const int Compressed = 2640;

    // Probe/MemoryProbeLog.cs
    public const int MemoryProbeCompleted = 2700;
    public const int MemoryProbeFailed = 2701;
    public const int MemoryProbeCleanupFailed = 2702;

    // Cluster (Memory/Cluster)
    public const int RedisDown = 2800;
    public const int RedisRestored = 2801;
    public const int RedisCallFailed = 2802;
    public const int ClusterStateDirty = 2803;
    public const int ClusterStateRepaired = 2804;
}

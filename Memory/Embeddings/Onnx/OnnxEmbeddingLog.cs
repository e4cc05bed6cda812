using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Embeddings.Onnx;

/// <summary>Source-generated logs of the ONNX embedders, event ids 2500-2599. Never logs the embedded text.</summary>
internal static partial class OnnxEmbeddingLog
{
    [LoggerMessage(EventId = MemoryEventIds.OnnxModelLoaded, EventName = "OnnxModelLoaded", Level = LogLevel.Information,
        Message = "Embedding model {ModelId} loaded: {Dimensions} dimensions, up to {MaxTokens} tokens, {Threads} intra-op threads, batches of up to {MaxBatchSize}, in {ElapsedMs} ms")]
    public static partial void ModelLoaded(ILogger logger, string modelId, int dimensions, int maxTokens, int threads, int maxBatchSize, long elapsedMs);

    [LoggerMessage(EventId = MemoryEventIds.OnnxModelLoadFailed, EventName = "OnnxModelLoadFailed", Level = LogLevel.Debug,
        Message = "Embedding model {ModelId} could not be loaded from {ModelPath}")]
    public static partial void ModelLoadFailed(ILogger logger, string modelId, string modelPath, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.OnnxBatchFailed, EventName = "OnnxBatchFailed", Level = LogLevel.Error,
        Message = "Embedding a batch of {Count} texts failed")]
    public static partial void BatchFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.OnnxBatchEncoded, EventName = "OnnxBatchEncoded", Level = LogLevel.Trace,
        Message = "Embedded {Count} texts padded to {PaddedTokens} tokens in {ElapsedMs:F2} ms")]
    public static partial void BatchEncoded(ILogger logger, int count, int paddedTokens, double elapsedMs);
}

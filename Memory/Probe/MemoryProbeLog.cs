using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Probe;

/// <summary>Probe log messages (event ids 2700-2719): figures only, never memory text.</summary>
internal static partial class MemoryProbeLog
{
    [LoggerMessage(EventId = MemoryEventIds.MemoryProbeCompleted, EventName = "MemoryProbeCompleted", Level = LogLevel.Information,
        Message = "Memory probe ({Store}, {Embedder}): paraphrase top-1 {Top1:F3} top-3 {Top3:F3}; dedup lossless {Lossless:F3} duplicates caught {Duplicates:F3} exact {Exact:F3}; extraction precision {Precision:F3} recall {Recall:F3}; search p50 {SearchP50Ms:F1} ms; {ElapsedMs:F0} ms in all")]
    public static partial void Completed(ILogger logger, string store, string embedder, double top1, double top3,
        double lossless, double duplicates, double exact, double precision, double recall, double searchP50Ms, double elapsedMs);

    [LoggerMessage(EventId = MemoryEventIds.MemoryProbeFailed, EventName = "MemoryProbeFailed", Level = LogLevel.Error,
        Message = "Memory probe failed ({ErrorType})")]
    public static partial void Failed(ILogger logger, string errorType, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.MemoryProbeCleanupFailed, EventName = "MemoryProbeCleanupFailed", Level = LogLevel.Warning,
        Message = "Erasing the memory probe's scratch users failed ({ErrorType}); they live in tenant {Tenant}, which no app key can reach")]
    public static partial void CleanupFailed(ILogger logger, string errorType, string tenant, Exception exception);
}

using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Retrieval;

/// <summary>Retrieval deadline log messages (event ids 2210-2219). Counts only: never query text.</summary>
internal static partial class RetrievalDeadlineLog
{
    [LoggerMessage(EventId = MemoryEventIds.RetrievalDeadlineMissed, EventName = "RetrievalDeadlineMissed", Level = LogLevel.Debug,
        Message = "The query embedding missed the retrieval deadline ({Reason}, {DeadlineMs} ms, {LateInFlight} late embeddings running): this call uses the profile and BM25 results")]
    public static partial void Missed(ILogger logger, string reason, double deadlineMs, int lateInFlight);
}

using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.WriteBack;

/// <summary>Write-back log messages (event ids 2600-2799). Ids, counts and error kinds only: never user text,
/// prompts, memory text or keys.</summary>
internal static partial class WriteBackLog
{
    [LoggerMessage(MemoryEventIds.OutboxOpened, LogLevel.Debug, "Write-back outbox opened; {Released} leases from a previous run released for replay")]
    public static partial void OutboxOpened(ILogger logger, int released);

    [LoggerMessage(MemoryEventIds.TurnEnqueued, LogLevel.Debug, "Turn {TurnId} enqueued for write-back ({Messages} user messages)")]
    public static partial void TurnEnqueued(ILogger logger, string turnId, int messages);

    [LoggerMessage(MemoryEventIds.DuplicateTurnIgnored, LogLevel.Debug, "Turn {TurnId} already in the outbox; re-enqueue ignored")]
    public static partial void DuplicateTurnIgnored(ILogger logger, string turnId);

    [LoggerMessage(MemoryEventIds.TurnDroppedNoConsent, LogLevel.Information, "Turn {TurnId} dropped: memory consent withdrawn")]
    public static partial void TurnDroppedNoConsent(ILogger logger, string turnId);

    [LoggerMessage(MemoryEventIds.CorruptTurnPoisoned, LogLevel.Error, "Outbox row {Seq} has an unreadable payload; set aside as poisoned")]
    public static partial void CorruptTurnPoisoned(ILogger logger, long seq);

    [LoggerMessage(MemoryEventIds.UserErased, LogLevel.Information, "Write-back erased {Rows} outbox rows of a user")]
    public static partial void UserErased(ILogger logger, int rows);

    [LoggerMessage(MemoryEventIds.WorkerStarted, LogLevel.Information, "Write-back worker started (mode {Mode}, up to {MaxConcurrentTurns} turns at once)")]
    public static partial void WorkerStarted(ILogger logger, string mode, int maxConcurrentTurns);

    [LoggerMessage(MemoryEventIds.TurnProcessed, LogLevel.Debug, "Turn {TurnId} written back: {Facts} facts, {Added} added, {Updated} updated, {Superseded} superseded, {Deleted} deleted, {Refused} refused")]
    public static partial void TurnProcessed(ILogger logger, string turnId, int facts, int added, int updated, int superseded, int deleted, int refused);

    [LoggerMessage(MemoryEventIds.TurnFailed, LogLevel.Warning, "Turn {TurnId} failed on attempt {Attempt} ({ErrorKind}); it will be retried")]
    public static partial void TurnFailed(ILogger logger, Exception? exception, string turnId, int attempt, string errorKind);

    [LoggerMessage(MemoryEventIds.TurnPoisoned, LogLevel.Error, "Turn {TurnId} poisoned after {Attempt} attempts ({ErrorKind}); kept in the outbox for inspection")]
    public static partial void TurnPoisoned(ILogger logger, Exception? exception, string turnId, int attempt, string errorKind);

    [LoggerMessage(MemoryEventIds.LeaseLost, LogLevel.Debug, "Turn {TurnId} lease lost (erased or taken over); skipped")]
    public static partial void LeaseLost(ILogger logger, string turnId);

    [LoggerMessage(MemoryEventIds.PassFailed, LogLevel.Error, "Write-back pass failed ({ErrorKind}); retrying after the poll interval")]
    public static partial void PassFailed(ILogger logger, Exception exception, string errorKind);

    [LoggerMessage(MemoryEventIds.ReplayedFromCheckpoint, LogLevel.Debug, "Turn {TurnId} replayed from its extraction checkpoint ({Facts} facts)")]
    public static partial void ReplayedFromCheckpoint(ILogger logger, string turnId, int facts);

    [LoggerMessage(MemoryEventIds.FactRefusedByGuard, LogLevel.Information, "Memory guard refused a fact of turn {TurnId} (rule {Rule}); not stored")]
    public static partial void FactRefusedByGuard(ILogger logger, string turnId, string rule);

    [LoggerMessage(MemoryEventIds.FactsDroppedAsInstructions, LogLevel.Information, "Instruction filter dropped {Count} extracted facts of turn {TurnId}")]
    public static partial void FactsDroppedAsInstructions(ILogger logger, string turnId, int count);

    [LoggerMessage(MemoryEventIds.ExtractionAnswerInvalid, LogLevel.Warning, "LLM extraction answer for turn {TurnId} was invalid on attempt {Attempt}: {Reason}")]
    public static partial void ExtractionAnswerInvalid(ILogger logger, string turnId, int attempt, string reason);

    [LoggerMessage(MemoryEventIds.ExtractionFallback, LogLevel.Warning, "LLM extraction unavailable or invalid for turn {TurnId}; falling back to heuristic extraction ({Reason})")]
    public static partial void ExtractionFallback(ILogger logger, string turnId, string reason);

    [LoggerMessage(MemoryEventIds.ExtractedFactsUngrounded, LogLevel.Information, "Grounding dropped {Dropped} of {Total} LLM-extracted facts of turn {TurnId} as unsupported by the user's words ({Rules})")]
    public static partial void ExtractedFactsUngrounded(ILogger logger, string turnId, int dropped, int total, string rules);

    [LoggerMessage(MemoryEventIds.GroundingFailed, LogLevel.Warning, "Grounding of the LLM-extracted facts of turn {TurnId} failed; the facts are kept unchecked")]
    public static partial void GroundingFailed(ILogger logger, string turnId, Exception exception);

    [LoggerMessage(MemoryEventIds.ConsolidationAnswerInvalid, LogLevel.Warning, "LLM consolidation answer for turn {TurnId} was invalid on attempt {Attempt}: {Reason}")]
    public static partial void ConsolidationAnswerInvalid(ILogger logger, string turnId, int attempt, string reason);

    [LoggerMessage(MemoryEventIds.ConsolidationFallback, LogLevel.Warning, "LLM consolidation unavailable or invalid for turn {TurnId}; falling back to heuristic rules ({Reason})")]
    public static partial void ConsolidationFallback(ILogger logger, string turnId, string reason);

    [LoggerMessage(MemoryEventIds.CompressionAnswerInvalid, LogLevel.Warning, "LLM compression answer was invalid ({Reason}); merging the cluster heuristically")]
    public static partial void CompressionAnswerInvalid(ILogger logger, string reason);

    [LoggerMessage(MemoryEventIds.Compressed, LogLevel.Information, "Compression pass: {Before} current memories, {Merged} merged, {Dropped} dropped")]
    public static partial void Compressed(ILogger logger, int before, int merged, int dropped);
}

using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Stores;

/// <summary>Erasure and tombstone events (ids 2060-2079): ids and counts only, never user text.</summary>
internal static partial class ErasureLog
{
    [LoggerMessage(MemoryEventIds.TombstoneRecorded, LogLevel.Information, "A user's erasure was recorded under generation {Generation}")]
    public static partial void TombstoneRecorded(ILogger logger, long generation);

    [LoggerMessage(MemoryEventIds.TurnRefusedErased, LogLevel.Information, "Turn {TurnId} refused: its user was erased after it started")]
    public static partial void TurnRefusedErased(ILogger logger, string turnId);

    [LoggerMessage(MemoryEventIds.TurnRemovedAfterErasure, LogLevel.Warning, "Turn {TurnId} was written while its user was being erased; removed again")]
    public static partial void TurnRemovedAfterErasure(ILogger logger, string turnId);

    [LoggerMessage(MemoryEventIds.WalNotTruncated, LogLevel.Error, "After an erasure the write-ahead log of {File} could not be truncated: readers kept it busy")]
    public static partial void WalNotTruncated(ILogger logger, string file);

    [LoggerMessage(MemoryEventIds.TombstonesNotDurable, LogLevel.Warning, "The erasure store keeps no durable tombstones ({StoreType}); erasure is final only within this process")]
    public static partial void TombstonesNotDurable(ILogger logger, string storeType);
}

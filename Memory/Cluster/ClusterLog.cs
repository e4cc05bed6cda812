using Memory.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Memory.Cluster;

/// <summary>Cluster events (ids 2800-2819): states and counts only, never user ids or text.</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(MemoryEventIds.RedisDown, LogLevel.Warning, "Redis is unreachable ({Reason}): caches are bypassed and erasure is checked in the store until it is back")]
    public static partial void RedisDown(ILogger logger, string reason);

    [LoggerMessage(MemoryEventIds.RedisRestored, LogLevel.Information, "Redis is reachable again")]
    public static partial void RedisRestored(ILogger logger);

    [LoggerMessage(MemoryEventIds.RedisCallFailed, LogLevel.Debug, "A Redis call failed ({Exception}); this request takes the store path")]
    public static partial void RedisCallFailed(ILogger logger, string exception);

    [LoggerMessage(MemoryEventIds.ClusterStateDirty, LogLevel.Warning, "A change could not be published to Redis: the cluster epoch is replaced once Redis answers again")]
    public static partial void StateDirty(ILogger logger);

    [LoggerMessage(MemoryEventIds.ClusterStateRepaired, LogLevel.Information, "The cluster epoch was replaced after an unpublished change; every replica's caches start over")]
    public static partial void StateRepaired(ILogger logger);
}

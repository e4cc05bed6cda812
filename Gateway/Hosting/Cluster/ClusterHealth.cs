using Gateway.Endpoints;
using Memory.Cluster;

namespace Gateway.Hosting.Cluster;

/// <summary>Reports on <c>/healthz</c> (as <c>cluster</c>, the gateway stays 200) while Redis cannot be reached.</summary>
internal sealed class ClusterHealth(RedisConnection redis) : IDegradationReporter
{
    public IEnumerable<(string Component, string Reason)> Degradations()
    {
        if (!redis.IsConnected)
        {
            yield return ("cluster", "Redis unreachable: caches bypassed (reads go to the store), rate limits per replica, erasure checked in the store");
        }
    }
}

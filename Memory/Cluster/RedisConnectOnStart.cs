using Microsoft.Extensions.Hosting;

namespace Memory.Cluster;

/// <summary>Connects to Redis as the host starts, so a replica's first requests find the connection up instead of
/// taking the store path (a Redis that is down still never stops startup).</summary>
internal sealed class RedisConnectOnStart(RedisConnection redis) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = redis.IsConnected;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Memory.Cluster;

/// <summary>The replica's one connection to Redis (StackExchange.Redis multiplexes every call over it). Connects on
/// first use and never fails startup: while Redis cannot be reached <see cref="Database"/> is null and every cluster
/// feature takes its local, store-backed path; the multiplexer reconnects in the background.</summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;
    private readonly ILogger<RedisConnection> _logger;

    public RedisConnection(IOptions<ClusterOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Keys = new ClusterKeys(options.Value.KeyPrefix);
        _multiplexer = new Lazy<ConnectionMultiplexer>(() => Connect(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>This deployment's key names.</summary>
    public ClusterKeys Keys { get; }

    /// <summary>The multiplexer (connecting on first use), for libraries that take one (rate limiting).</summary>
    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    /// <summary>True while the connection to Redis is up.</summary>
    public bool IsConnected => _multiplexer.Value.IsConnected;

    /// <summary>The database while connected, otherwise null (callers take their fallback at once, without waiting).</summary>
    public IDatabase? Database => IsConnected ? _multiplexer.Value.GetDatabase() : null;

    /// <summary>Notes a failed call (at Debug: the outage itself is logged once by the connection events); the caller
    /// then falls back.</summary>
    public void Failed(Exception exception) => ClusterLog.RedisCallFailed(_logger, exception.GetType().Name);

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }

    private ConnectionMultiplexer Connect(ClusterOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);
        var timeout = (int)options.Timeout.TotalMilliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = Math.Max(timeout, 1000);
        configuration.SyncTimeout = timeout;
        configuration.AsyncTimeout = timeout;
        configuration.ConnectRetry = 1;
        var multiplexer = ConnectionMultiplexer.Connect(configuration);
        multiplexer.ConnectionFailed += (_, e) => ClusterLog.RedisDown(_logger, e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, _) => ClusterLog.RedisRestored(_logger);
        if (!multiplexer.IsConnected)
        {
            ClusterLog.RedisDown(_logger, "not reachable at startup");
        }

        return multiplexer;
    }
}

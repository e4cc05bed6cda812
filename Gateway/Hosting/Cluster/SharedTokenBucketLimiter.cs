using System.Threading.RateLimiting;
using Memory.Cluster;
using StackExchange.Redis;

namespace Gateway.Hosting.Cluster;

/// <summary>One key's token bucket shared by every replica (in Redis, through RedisRateLimiting), with a local bucket
/// of the same size taking over while Redis cannot be reached, so a Redis outage neither stops nor unlimits traffic.</summary>
internal sealed class SharedTokenBucketLimiter(RateLimiter shared, TokenBucketRateLimiter local, RedisConnection redis) : RateLimiter
{
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        redis.IsConnected ? shared.AttemptAcquire(permitCount) : local.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            try
            {
                return await shared.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Failed(e);
            }
        }

        return await local.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            shared.Dispose();
            local.Dispose();
        }

        base.Dispose(disposing);
    }
}

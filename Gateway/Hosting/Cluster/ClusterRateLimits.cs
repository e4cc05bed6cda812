using System.Threading.RateLimiting;
using Memory.Cluster;
using RedisRateLimiting;

namespace Gateway.Hosting.Cluster;

/// <summary>Rate-limit partitions of a cluster: each key's token bucket lives in Redis (RedisRateLimiting's token
/// bucket script), so N replicas enforce a key's limit once; <see cref="SharedTokenBucketLimiter"/> falls back to a
/// local bucket while Redis is down.</summary>
internal sealed class ClusterRateLimits(RedisConnection redis)
{
    public RateLimitPartition<string> Partition(string partition, TokenBucketRateLimiterOptions bucket) =>
        RateLimitPartition.Get(partition, key => new SharedTokenBucketLimiter(
            new RedisTokenBucketRateLimiter<string>(redis.Keys.RateLimit(key), new RedisTokenBucketRateLimiterOptions
            {
                ConnectionMultiplexerFactory = () => redis.Multiplexer,
                TokenLimit = bucket.TokenLimit,
                TokensPerPeriod = bucket.TokensPerPeriod,
                ReplenishmentPeriod = bucket.ReplenishmentPeriod,
            }),
            new TokenBucketRateLimiter(bucket),
            redis));
}

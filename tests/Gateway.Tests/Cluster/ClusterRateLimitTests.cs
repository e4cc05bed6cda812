using System.Diagnostics;

namespace Gateway.Tests.Cluster;

/// <summary>A key's token bucket is enforced once across replicas (it lives in Redis), and per replica while Redis
/// is down. Bounds allow the refill of the run's own elapsed time (one token a second), never a timing.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterRateLimitTests(RedisServerFixture redis)
{
    private const int Bucket = 20; // 60 requests a minute, 20 seconds of burst

    private static readonly Dictionary<string, string?> Limited = new()
    {
        ["RateLimit:OpenRequestsPerMinute"] = "60",
        ["RateLimit:BurstSeconds"] = "20",
    };

    [Fact]
    public async Task A_keys_limit_is_enforced_once_across_two_replicas()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis, Limited);

        var (allowed, elapsed) = await SendAlternatelyAsync(replicas, 3 * Bucket);

        Assert.InRange(allowed, Bucket, Bucket + Refill(elapsed));
    }

    [Fact]
    public async Task Without_redis_each_replica_falls_back_to_its_own_bucket()
    {
        await using var replicas = await TwoReplicas.StartAsync(redis, Limited);
        await redis.StopAsync();
        try
        {
            var (allowed, elapsed) = await SendAlternatelyAsync(replicas, 3 * Bucket);

            Assert.InRange(allowed, 2 * Bucket, 2 * Bucket + 2 * Refill(elapsed));
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    private static int Refill(TimeSpan elapsed) => (int)Math.Ceiling(elapsed.TotalSeconds) + 1;

    private static async Task<(int Allowed, TimeSpan Elapsed)> SendAlternatelyAsync(TwoReplicas replicas, int count)
    {
        var allowed = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var response = await (i % 2 == 0 ? replicas.A : replicas.B).Client.GetAsync("v1/models");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                allowed++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            }
        }

        return (allowed, clock.Elapsed);
    }
}

using Memory.Cluster;
using Memory.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Cluster;

/// <summary>The per-user write-back lease in Redis: one replica at a time, each grant with a higher fencing token, a
/// holder whose lease expired and was granted again learns it before writing.</summary>
[Collection(RedisCollection.Name)]
public sealed class UserWriteLeaseTests(RedisServerFixture redis)
{
    private static readonly UserKey User = new("default", "lease-user");

    private async Task<(RedisUserWriteLeases Leases, RedisConnection Connection)> ReplicaAsync(string prefix, TimeSpan leaseTime)
    {
        var options = Options.Create(new ClusterOptions { Redis = redis.Configuration, KeyPrefix = prefix, LeaseTime = leaseTime });
        var connection = new RedisConnection(options, NullLogger<RedisConnection>.Instance);

        // Until connected a replica treats Redis as down (a local lease): wait for the connection, as traffic would.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!connection.IsConnected)
        {
            await Task.Delay(20, cts.Token);
        }

        return (new RedisUserWriteLeases(connection, options, TimeProvider.System), connection);
    }

    [Fact]
    public async Task A_second_replica_waits_for_the_lease_and_gets_a_higher_token()
    {
        var prefix = "lease" + Guid.NewGuid().ToString("N")[..8];
        var (a, connectionA) = await ReplicaAsync(prefix, TimeSpan.FromSeconds(30));
        var (b, connectionB) = await ReplicaAsync(prefix, TimeSpan.FromSeconds(30));
        using (connectionA)
        using (connectionB)
        {
            var first = await a.AcquireAsync(User);
            Assert.True(first.Token > 0); // a Redis lease, not the local fallback
            var second = b.AcquireAsync(User).AsTask();
            await Task.Delay(200);
            Assert.False(second.IsCompleted);

            await first.DisposeAsync();
            await using var granted = await second.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(granted.Token > first.Token);
            Assert.True(await granted.IsHeldAsync());
        }
    }

    [Fact]
    public async Task A_holder_whose_lease_expired_and_went_elsewhere_is_fenced_off()
    {
        var prefix = "lease" + Guid.NewGuid().ToString("N")[..8];
        var (a, connectionA) = await ReplicaAsync(prefix, TimeSpan.FromSeconds(1));
        var (b, connectionB) = await ReplicaAsync(prefix, TimeSpan.FromSeconds(1));
        using (connectionA)
        using (connectionB)
        {
            var stale = await a.AcquireAsync(User); // never released: the replica "died"
            Assert.True(stale.Token > 0);

            await using var taken = await b.AcquireAsync(User).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

            Assert.True(taken.Token > stale.Token);
            Assert.False(await stale.IsHeldAsync());
            Assert.True(await taken.IsHeldAsync());
            await stale.DisposeAsync(); // releasing a superseded lease leaves the new holder's alone
            Assert.True(await taken.IsHeldAsync());
        }
    }
}

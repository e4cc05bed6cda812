using Memory.Model;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Memory.Cluster;

/// <summary>Per-user leases in Redis: <c>SET lease token NX PX</c> with a token from the user's fencing counter
/// (<c>INCR</c>), released only by its holder (compare and delete). A lease left by a replica that died expires after
/// <see cref="ClusterOptions.LeaseTime"/>. While Redis is down every replica writes under its own lock only.</summary>
internal sealed class RedisUserWriteLeases(RedisConnection redis, IOptions<ClusterOptions> options, TimeProvider time) : IUserWriteLeases
{
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly TimeSpan _leaseTime = options.Value.LeaseTime;

    public async ValueTask<UserWriteLease> AcquireAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        var key = redis.Keys.Lease(user);
        var started = time.GetTimestamp();
        var wait = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var db = redis.Database;
            if (db is null)
            {
                return UserWriteLease.Local;
            }

            try
            {
                var token = await db.StringIncrementAsync(redis.Keys.Fence(user)).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (await db.StringSetAsync(key, token, _leaseTime, When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false))
                {
                    return new UserWriteLease(token, held => IsHeldAsync(key, held), held => ReleaseAsync(key, held));
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                redis.Failed(e);
                return UserWriteLease.Local;
            }

            if (time.GetElapsedTime(started) > _leaseTime)
            {
                throw new TimeoutException("Another replica held the user's write-back lease for the whole lease time.");
            }

            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            wait = TimeSpan.FromMilliseconds(Math.Min(wait.TotalMilliseconds * 2, 200));
        }
    }

    private async Task<bool> IsHeldAsync(RedisKey key, long token)
    {
        var db = redis.Database;
        if (db is null)
        {
            return true; // Redis down: this replica's own lock is all there is
        }

        try
        {
            var holder = await db.StringGetAsync(key).ConfigureAwait(false);
            return !holder.IsNull && (long)holder == token;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return true;
        }
    }

    private async Task ReleaseAsync(RedisKey key, long token)
    {
        if (redis.Database is not { } db)
        {
            return; // it expires on its own
        }

        try
        {
            await db.ScriptEvaluateAsync(ReleaseScript, [key], [token]).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
        }
    }
}

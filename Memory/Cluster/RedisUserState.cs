using Memory.Model;
using Memory.Stores;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Memory.Cluster;

/// <summary>The per-user cluster state in Redis: generation (bumped by every change), tombstone and the deployment's
/// latest erasure generation, read in one pipelined round trip. Any failure answers null, and the caller falls back
/// to the store. A change this replica could not publish marks the state dirty: before Redis is trusted again the
/// epoch is replaced (every replica's caches start over) and the latest erasure generation re-seeded from the store.</summary>
internal sealed class RedisUserState(RedisConnection redis, IErasureTombstoneStore tombstones, ILogger<RedisUserState> logger) : IUserGenerations
{
    private const string RaiseScript = """
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
        return 1
        """;

    private const string EraseScript = """
        for i = 1, 2 do
          local current = tonumber(redis.call('GET', KEYS[i]) or '0')
          if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[i], ARGV[1]) end
        end
        return redis.call('INCR', KEYS[3])
        """;

    private readonly SemaphoreSlim _repair = new(1, 1);
    private volatile bool _dirty;

    public ClusterKeys Keys => redis.Keys;

    public async ValueTask<CacheStamp?> ReadAsync(UserKey user, CancellationToken cancellationToken = default) =>
        (await SnapshotAsync(user, fromScope: true, cancellationToken).ConfigureAwait(false))?.Stamp;

    public void Bump(UserKey user)
    {
        ClusterRequestScope.Forget(user);
        var db = redis.Database;
        if (db is null)
        {
            MarkDirty();
            return;
        }

        try
        {
            db.StringIncrement(Keys.Generation(user));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            MarkDirty();
        }
    }

    /// <summary>The user's state, from the request's scope when <paramref name="fromScope"/> and already read there;
    /// null when Redis cannot answer (or its data cannot be trusted yet).</summary>
    public async ValueTask<UserSnapshot?> SnapshotAsync(UserKey user, bool fromScope, CancellationToken cancellationToken)
    {
        if (fromScope && ClusterRequestScope.Find(user) is { } known)
        {
            return known;
        }

        var db = redis.Database;
        if (db is null)
        {
            return null;
        }

        try
        {
            if (_dirty && !await RepairAsync(db, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            for (var attempt = 0; attempt < 2; attempt++)
            {
                var batch = db.CreateBatch();
                var epoch = batch.StringGetAsync(Keys.Epoch);
                var latest = batch.StringGetAsync(Keys.ErasureLatest);
                var generation = batch.StringGetAsync(Keys.Generation(user));
                var tombstone = batch.StringGetAsync(Keys.Tombstone(user));
                batch.Execute();
                await Task.WhenAll(epoch, latest, generation, tombstone).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (epoch.Result.IsNull)
                {
                    // A fresh (or emptied) Redis: seed it from the store before anyone relies on it, then read again.
                    await StartEpochAsync(db, replace: false, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var snapshot = new UserSnapshot(new CacheStamp((long)epoch.Result, Long(generation.Result)), Long(latest.Result), Long(tombstone.Result));
                ClusterRequestScope.Remember(user, snapshot);
                return snapshot;
            }

            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return null;
        }
    }

    /// <summary>The latest erasure generation published, or null when Redis cannot answer.</summary>
    public async ValueTask<long?> LatestErasureAsync(CancellationToken cancellationToken)
    {
        if (ClusterRequestScope.Any() is { } seen)
        {
            return seen.ErasureLatest;
        }

        var db = redis.Database;
        if (db is null || _dirty)
        {
            return null;
        }

        try
        {
            var batch = db.CreateBatch();
            var epoch = batch.StringGetAsync(Keys.Epoch);
            var latest = batch.StringGetAsync(Keys.ErasureLatest);
            batch.Execute();
            await Task.WhenAll(epoch, latest).WaitAsync(cancellationToken).ConfigureAwait(false);
            return epoch.Result.IsNull ? null : Long(latest.Result);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            return null;
        }
    }

    /// <summary>Publishes an erasure the store already recorded: latest and the user's tombstone raised to
    /// <paramref name="generation"/>, the user's generation bumped. Failure leaves the state dirty (repaired later).</summary>
    public async Task PublishErasureAsync(UserKey user, long generation, CancellationToken cancellationToken)
    {
        ClusterRequestScope.Forget(user);
        var db = redis.Database;
        if (db is null)
        {
            MarkDirty();
            return;
        }

        try
        {
            await db.ScriptEvaluateAsync(EraseScript, [Keys.ErasureLatest, Keys.Tombstone(user), Keys.Generation(user)], [generation])
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            MarkDirty();
        }
    }

    private void MarkDirty()
    {
        if (!_dirty)
        {
            _dirty = true;
            ClusterLog.StateDirty(logger);
        }
    }

    private async Task<bool> RepairAsync(IDatabase db, CancellationToken cancellationToken)
    {
        await _repair.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_dirty)
            {
                await StartEpochAsync(db, replace: true, cancellationToken).ConfigureAwait(false);
                _dirty = false;
                ClusterLog.StateRepaired(logger);
            }

            return true;
        }
        finally
        {
            _repair.Release();
        }
    }

    private async Task StartEpochAsync(IDatabase db, bool replace, CancellationToken cancellationToken)
    {
        var latest = await tombstones.GetLatestErasureGenerationAsync(cancellationToken).ConfigureAwait(false);
        await db.ScriptEvaluateAsync(RaiseScript, [Keys.ErasureLatest], [latest]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var epoch = Random.Shared.NextInt64(1, long.MaxValue);
        await db.StringSetAsync(Keys.Epoch, epoch, when: replace ? When.Always : When.NotExists).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long Long(RedisValue value) => value.IsNull ? 0 : (long)value;
}

using Guardrails.Audit;
using Memory.Cluster;
using StackExchange.Redis;

namespace Gateway.Hosting.Cluster;

/// <summary>The audit excerpt keys of every replica in Redis: a hash per user (key id and wrapped key) and an index
/// from key id to wrapped key, both written and destroyed together by one script. Redis then needs persistence
/// (AOF): a Redis that loses its data makes older excerpts unreadable, never readable by the wrong party.</summary>
internal sealed class RedisAuditKeys(RedisConnection redis) : ISharedAuditKeys
{
    private const string GetOrAddScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then
          redis.call('HSET', KEYS[1], 'id', ARGV[1], 'key', ARGV[2])
          redis.call('SET', KEYS[2], ARGV[2])
        end
        return redis.call('HMGET', KEYS[1], 'id', 'key')
        """;

    private const string DeleteScript = """
        local id = redis.call('HGET', KEYS[1], 'id')
        if not id then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('DEL', ARGV[1] .. id)
        return 1
        """;

    public async Task<(string KeyId, byte[] Wrapped)> GetOrAddAsync(string tenant, string pseudonym, string candidateId, byte[] candidateWrapped, CancellationToken cancellationToken = default)
    {
        var db = Database();
        var result = await Call(db.ScriptEvaluateAsync(GetOrAddScript,
            [redis.Keys.AuditUserKey(tenant, pseudonym), redis.Keys.AuditKeyId(candidateId)], [candidateId, candidateWrapped]), cancellationToken).ConfigureAwait(false);
        var fields = (RedisResult[])result!;
        return ((string)fields[0]!, (byte[])fields[1]!);
    }

    public async Task<string?> FindUserKeyIdAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default)
    {
        var value = await Call(Database().HashGetAsync(redis.Keys.AuditUserKey(tenant, pseudonym), "id"), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (string?)value;
    }

    public async Task<byte[]?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var value = await Call(Database().StringGetAsync(redis.Keys.AuditKeyId(keyId)), cancellationToken).ConfigureAwait(false);
        return value.IsNull ? null : (byte[])value!;
    }

    public async Task<int> DeleteUserAsync(string tenant, string pseudonym, CancellationToken cancellationToken = default)
    {
        var idPrefix = ((string)redis.Keys.AuditKeyId(string.Empty))!;
        var result = await Call(Database().ScriptEvaluateAsync(DeleteScript, [redis.Keys.AuditUserKey(tenant, pseudonym)], [idPrefix]), cancellationToken).ConfigureAwait(false);
        return (int)result;
    }

    private IDatabase Database() => redis.Database ?? throw new AuditKeysUnavailableException("Redis cannot be reached.");

    private async Task<T> Call<T>(Task<T> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            redis.Failed(e);
            throw new AuditKeysUnavailableException("Redis did not answer.", e);
        }
    }
}

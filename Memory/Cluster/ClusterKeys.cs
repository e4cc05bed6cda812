using Memory.Model;
using Memory.Stores;
using StackExchange.Redis;

namespace Memory.Cluster;

/// <summary>The Redis keys of one deployment. A user appears only as the hash <see cref="TombstoneKeys"/> makes of
/// tenant and user, never by id, so Redis holds nothing readable about who was erased or cached.</summary>
public sealed class ClusterKeys(string prefix)
{
    /// <summary>A random id written once per Redis dataset: when it is missing, Redis lost its data (restart without
    /// persistence) and nothing cached against an older epoch may be trusted.</summary>
    public RedisKey Epoch { get; } = prefix + ":epoch";

    /// <summary>The highest erasure generation published (never below what the store holds, while the epoch lives).</summary>
    public RedisKey ErasureLatest { get; } = prefix + ":erasure:latest";

    /// <summary>Prompt-variant counters of one template in one tenant, summed over every replica.</summary>
    public RedisKey PromptStats(string tenant, string template) =>
        $"{prefix}:prompt-stats:{tenant.Length}:{tenant}:{template.ToUpperInvariant()}";

    /// <summary>The audit excerpt key of one user pseudonym (a hash of it: pseudonyms are already keyed hashes).</summary>
    public RedisKey AuditUserKey(string tenant, string pseudonym) => $"{prefix}:audit-key:{tenant.Length}:{tenant}:{pseudonym}";

    /// <summary>Where an audit key id points (tenant and pseudonym), for reads by key id.</summary>
    public RedisKey AuditKeyId(string keyId) => $"{prefix}:audit-key-id:{keyId}";

    public RedisKey Generation(UserKey user) => $"{prefix}:u:{TombstoneKeys.Of(user)}:gen";

    public RedisKey Tombstone(UserKey user) => $"{prefix}:u:{TombstoneKeys.Of(user)}:tomb";

    public RedisKey Lease(UserKey user) => $"{prefix}:u:{TombstoneKeys.Of(user)}:lease";

    public RedisKey Fence(UserKey user) => $"{prefix}:u:{TombstoneKeys.Of(user)}:fence";

    /// <summary>Prefix of the shared rate-limit buckets.</summary>
    public string RateLimit(string partition) => $"{prefix}:rl:{partition}";
}

namespace Memory.Stores.Qdrant;

/// <summary>Settings section <c>Memory:Qdrant</c>, used when <c>Memory:Store</c> is <c>qdrant</c>.</summary>
public sealed class QdrantOptions
{
    public const string Section = "Memory:Qdrant";

    /// <summary>Qdrant's gRPC endpoint (port 6334 by default; <c>https://</c> for TLS), e.g. <c>http://localhost:6334</c>.</summary>
    public string Url { get; set; } = "http://localhost:6334";

    /// <summary>Sent as the <c>api-key</c> header when set (Qdrant's <c>service.api_key</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Every collection this gateway owns starts with <c>{prefix}_</c>; letters, digits and '-' only, so
    /// two deployments sharing one Qdrant never read each other's collections.</summary>
    public string CollectionPrefix { get; set; } = "gateway";

    /// <summary>Shards per new collection; unset lets Qdrant choose (one per node in a cluster).</summary>
    public uint? ShardNumber { get; set; }

    /// <summary>Copies of each shard kept by a cluster; unset means Qdrant's default (1).</summary>
    public uint? ReplicationFactor { get; set; }

    /// <summary>Replicas that must apply a write before it is acknowledged; unset means Qdrant's default (1).</summary>
    public uint? WriteConsistencyFactor { get; set; }

    /// <summary>Deadline of each gRPC call.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

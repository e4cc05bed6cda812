namespace Memory.Cluster;

/// <summary>Settings of the <c>Cluster</c> section: several gateway replicas acting as one through Redis (or Valkey,
/// Garnet). Without <see cref="Redis"/> the gateway is one process and nothing here applies.</summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>A StackExchange.Redis configuration string (<c>redis:6379,password=...,ssl=true</c>); empty keeps
    /// the gateway a single process.</summary>
    public string? Redis { get; set; }

    /// <summary>The start of every Redis key this deployment owns (letters, digits, <c>-</c>), so deployments can
    /// share one Redis.</summary>
    public string KeyPrefix { get; set; } = "gateway";

    /// <summary>How long one Redis call may take before the replica treats Redis as down for that request.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a replica holds a user's write-back lease before another replica may take it over.</summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when a Redis configuration string is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Redis);
}

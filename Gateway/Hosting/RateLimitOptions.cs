namespace Gateway.Hosting;

/// <summary>Settings section <c>RateLimit</c>: per-key token buckets on <c>/v1/*</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Default for keys without their own <c>Auth:Keys:N:RequestsPerMinute</c>; 0: unlimited.</summary>
    public int RequestsPerMinute { get; set; } = 3000;

    /// <summary>Limit when no keys are configured (one shared bucket per client address); 0: unlimited.</summary>
    public int OpenRequestsPerMinute { get; set; }

    /// <summary>Bucket size as seconds of the rate (burst allowance). The default, a minute's worth, lets a key make
    /// its <c>RequestsPerMinute</c> at once, as "N per minute" reads; lower it to smooth bursts.</summary>
    public double BurstSeconds { get; set; } = 60;
}

namespace Gateway.Hosting;

/// <summary>Settings section <c>Limits</c>.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body in bytes; above it the gateway answers 413.</summary>
    public long MaxRequestBytes { get; set; } = 4 * 1024 * 1024;
}

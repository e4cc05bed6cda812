namespace Gateway.Hosting;

/// <summary>How the server runs the gateway's connections (<c>Server</c> section).</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>Run each connection's request processing on the thread that completed its socket read, instead of
    /// queueing it to the thread pool a second time (Kestrel's <c>UnsafePreferInlineScheduling</c>). The read's
    /// completion already runs on a pool thread, so nothing waits behind a busy request but that connection; it saves
    /// one thread hop per read, which on a small host is a measurable share of a proxied call. False restores
    /// Kestrel's default.</summary>
    public bool InlineScheduling { get; set; } = true;
}

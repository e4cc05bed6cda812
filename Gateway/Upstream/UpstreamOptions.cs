namespace Gateway.Upstream;

/// <summary>Settings section <c>Upstream</c>: the primary OpenAI-compatible upstream and, under
/// <c>Upstream:Fallbacks:N</c>, more upstreams tried in order when it fails or does not serve the model.</summary>
public sealed class UpstreamOptions
{
    public const string Section = "Upstream";

    /// <summary>Name used in errors, logs and metrics.</summary>
    public string Name { get; set; } = "default";

    /// <summary>Base URL ending in <c>/v1</c>; <c>echo:</c> selects the built-in echo model.</summary>
    public string BaseUrl { get; set; } = "http://localhost:11434/v1";

    /// <summary>The API this upstream speaks: <c>chat</c> (default), <c>responses</c> or <c>anthropic</c>.</summary>
    public UpstreamKind Kind { get; set; } = UpstreamKind.Chat;

    /// <summary>Sent as <c>anthropic-version</c> to an upstream of kind <c>anthropic</c>.</summary>
    public string AnthropicVersion { get; set; } = "2023-06-01";

    /// <summary>The <c>max_tokens</c> sent to an upstream of kind <c>anthropic</c> (which requires it) when a chat
    /// completions request names none.</summary>
    public int AnthropicMaxTokens { get; set; } = 4096;

    /// <summary>Sent upstream as <c>Authorization: Bearer</c> (as <c>x-api-key</c> to kind <c>anthropic</c>); empty sends none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Models this upstream serves (exact, or a prefix ending in <c>*</c>); empty: every model.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Longest wait for the upstream's response headers (time to first byte), per attempt.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Retries after the first attempt on connect errors, 429 and 5xx (before any byte reaches the client).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay of the exponential, jittered backoff.</summary>
    public double RetryBaseDelaySeconds { get; set; } = 0.2;

    /// <summary>Circuit breaker: failure ratio over the sampling window that opens the circuit.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    public int BreakerMinimumThroughput { get; set; } = 10;

    public double BreakerSamplingSeconds { get; set; } = 30;

    public double BreakDurationSeconds { get; set; } = 15;

    /// <summary>What the upstreams learn of the end user: <c>pseudonymous</c> (a keyed hash per tenant, the default),
    /// <c>asis</c> or <c>none</c>. Read from the primary section only; it applies to every upstream.</summary>
    public UpstreamUserForwarding ForwardUser { get; set; } = UpstreamUserForwarding.Pseudonymous;

    /// <summary>More upstreams, each with the same keys as this section (their own Fallbacks are ignored).</summary>
    public List<UpstreamOptions> Fallbacks { get; set; } = [];
}

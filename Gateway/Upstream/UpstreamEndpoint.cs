namespace Gateway.Upstream;

/// <summary>One configured upstream, validated: its name, base URL, key, the models it serves and its
/// resilience settings. The echo upstream has <see cref="IsEcho"/> set and no network address.</summary>
public sealed class UpstreamEndpoint
{
    internal UpstreamEndpoint(UpstreamOptions options, int index)
    {
        Name = string.IsNullOrWhiteSpace(options.Name) ? (index == 0 ? "default" : $"fallback-{index}") : options.Name.Trim();
        IsEcho = options.BaseUrl.Trim().StartsWith("echo:", StringComparison.OrdinalIgnoreCase);
        BaseUrl = IsEcho ? new Uri("http://echo.invalid/v1/") : new Uri(options.BaseUrl.TrimEnd('/') + "/");
        ApiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        Kind = IsEcho ? UpstreamKind.Chat : options.Kind;
        Models = options.Models.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToArray();
        Options = options;
        HttpClientName = "upstream:" + Name;
        WriteBackHttpClientName = "upstream-writeback:" + Name;
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public string? ApiKey { get; }
    public bool IsEcho { get; }

    /// <summary>The API it speaks (the echo upstream speaks chat completions).</summary>
    public UpstreamKind Kind { get; }
    public IReadOnlyList<string> Models { get; }
    public UpstreamOptions Options { get; }
    internal string HttpClientName { get; }

    /// <summary>The client of the gateway's own write-back LLM calls to this upstream: its own connections, attempt
    /// timeout (<c>Memory:WriteBack:LlmTimeout</c>) and circuit breaker, so neither traffic trips the other's.</summary>
    internal string WriteBackHttpClientName { get; }

    /// <summary>True when this upstream serves <paramref name="model"/> (no list: every model).</summary>
    public bool Serves(string model) =>
        Models.Count == 0 || Models.Any(m => m.EndsWith('*')
            ? model.StartsWith(m[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(m, model, StringComparison.OrdinalIgnoreCase));

    public Uri Resolve(string relative) => new(BaseUrl, relative);
}

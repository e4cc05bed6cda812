namespace Gateway.Upstream;

/// <summary>Why no upstream produced a usable answer; a value, mapped to an HTTP answer in one place.</summary>
public enum UpstreamFailureKind
{
    /// <summary>Connection refused, reset, DNS: nothing answered.</summary>
    Unreachable,
    /// <summary>No response headers within the upstream's timeout.</summary>
    Timeout,
    /// <summary>The upstream answered 5xx on every attempt.</summary>
    ServerError,
    /// <summary>The upstream answered 429 on every attempt.</summary>
    RateLimited,
    /// <summary>The upstream's circuit breaker is open after recent failures.</summary>
    CircuitOpen,
}

/// <summary>The last failure of the last upstream tried, and every upstream that was tried.</summary>
public sealed record UpstreamFailure(UpstreamFailureKind Kind, string Upstream, string Detail, IReadOnlyList<string> Tried, TimeSpan? RetryAfter = null);

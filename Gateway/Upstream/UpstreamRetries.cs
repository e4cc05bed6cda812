using Polly;
using Polly.Timeout;

namespace Gateway.Upstream;

/// <summary>Which upstream outcomes are retried and which count against the circuit breaker.
/// <list type="bullet">
/// <item>Retried: a connection that failed (<see cref="HttpRequestException"/>), 408, 429 and 5xx, unless the upstream
/// asks to wait longer than <see cref="MaxDelay"/> (<c>Retry-After</c>): that answer goes back to the client with its
/// <c>Retry-After</c> instead of holding the call. An attempt that timed out is not retried: the caller has already
/// waited the whole attempt timeout, and the upstream may still be working on the first one.</item>
/// <item>Counted by the breaker: failed connections, timeouts and 5xx. A 429 is an upstream that is up and pacing its
/// callers; it is passed through, not taken as a reason to stop calling it.</item>
/// </list></summary>
internal static class UpstreamRetries
{
    /// <summary>The longest wait between attempts, the upstream's <c>Retry-After</c> included.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => IsRetryableStatus(response) && !(RetryAfter(response) > MaxDelay),
        _ => false,
    };

    public static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>How long the upstream asks to be left alone: <c>Retry-After</c> as seconds, or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        // Counted from the earlier of the upstream's clock and this one: the retry waits by this clock, so a skewed
        // upstream must not make a long wait look short.
        { Date: { } date } => (date - Earliest(response.Headers.Date, TimeProvider.System.GetUtcNow())) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsRetryableStatus(HttpResponseMessage response) => (int)response.StatusCode is 408 or 429 or >= 500;

    private static DateTimeOffset Earliest(DateTimeOffset? upstream, DateTimeOffset local) =>
        upstream is { } u && u < local ? u : local;
}

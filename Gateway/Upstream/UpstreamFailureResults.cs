using Gateway.OpenAI;

namespace Gateway.Upstream;

/// <summary>Maps upstream failures to OpenAI-shaped 502/503/504/429 answers naming the upstream.</summary>
internal static class UpstreamFailureResults
{
    /// <summary>An answer cut off before any byte reached the client: 502, or 504 when it stalled.</summary>
    public static IResult ToResult(UpstreamAnswerFailure failure) =>
        OpenAIError.Result(failure.Status, failure.Message, "upstream_error", failure.Code);

    public static IResult ToResult(UpstreamFailure failure, HttpContext http)
    {
        var tried = failure.Tried.Count > 1 ? $" (tried: {string.Join(", ", failure.Tried)})" : string.Empty;
        switch (failure.Kind)
        {
            case UpstreamFailureKind.Timeout:
                return OpenAIError.Result(StatusCodes.Status504GatewayTimeout,
                    $"Upstream '{failure.Upstream}' did not answer in time: {failure.Detail}{tried}", "upstream_error", "upstream_timeout");
            case UpstreamFailureKind.CircuitOpen:
                http.Response.Headers.RetryAfter = "5";
                return OpenAIError.Result(StatusCodes.Status503ServiceUnavailable,
                    $"Upstream '{failure.Upstream}' is temporarily unavailable after repeated failures{tried}.", "upstream_error", "upstream_unavailable");
            case UpstreamFailureKind.RateLimited:
                http.Response.Headers.RetryAfter = Seconds(failure.RetryAfter ?? TimeSpan.FromSeconds(1));
                return OpenAIError.Result(StatusCodes.Status429TooManyRequests,
                    $"Upstream '{failure.Upstream}' is rate limiting requests{tried}.", "rate_limit_error", "upstream_rate_limited");
            case UpstreamFailureKind.ServerError:
                // An upstream that asked for a wait longer than the gateway holds a call (not retried for that reason)
                // is passed on with its wait, as a 429 is: the app's client backs off as long as the upstream asked.
                if (failure.RetryAfter is { } wait)
                {
                    http.Response.Headers.RetryAfter = Seconds(wait);
                }

                return OpenAIError.Result(StatusCodes.Status502BadGateway,
                    $"Upstream '{failure.Upstream}' failed: {failure.Detail}{tried}", "upstream_error", "upstream_error");
            default:
                return OpenAIError.Result(StatusCodes.Status502BadGateway,
                    $"Upstream '{failure.Upstream}' is unreachable: {failure.Detail}{tried}", "upstream_error", "upstream_unreachable");
        }
    }

    private static string Seconds(TimeSpan wait) =>
        ((long)Math.Ceiling(Math.Max(0, wait.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

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
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling((failure.RetryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return OpenAIError.Result(StatusCodes.Status429TooManyRequests,
                    $"Upstream '{failure.Upstream}' is rate limiting requests{tried}.", "rate_limit_error", "upstream_rate_limited");
            case UpstreamFailureKind.ServerError:
                return OpenAIError.Result(StatusCodes.Status502BadGateway,
                    $"Upstream '{failure.Upstream}' failed: {failure.Detail}{tried}", "upstream_error", "upstream_error");
            default:
                return OpenAIError.Result(StatusCodes.Status502BadGateway,
                    $"Upstream '{failure.Upstream}' is unreachable: {failure.Detail}{tried}", "upstream_error", "upstream_unreachable");
        }
    }
}

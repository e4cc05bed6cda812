namespace Gateway.Upstream;

/// <summary>Why an upstream's answer was cut off after its headers arrived.</summary>
public enum UpstreamAnswerFailureKind
{
    /// <summary>The answer passed <c>Limits:MaxAnswerBytes</c>.</summary>
    TooLarge,
    /// <summary>An SSE line passed <c>Limits:MaxAnswerLineBytes</c> without a newline.</summary>
    LineTooLong,
    /// <summary>Nothing arrived for <c>Limits:AnswerIdleTimeoutSeconds</c> mid-answer.</summary>
    Stalled,
    /// <summary>The connection broke mid-answer.</summary>
    Broken,
    /// <summary>A success status whose answer is not one the API gives: not a JSON object (empty, an array, duplicate
    /// keys, HTML), no <c>choices</c> array, or an event stream for a call that asked for none.</summary>
    Invalid,
}

/// <summary>An answer cut off mid-way: a value, mapped to a 502/504 before any byte or an SSE error event after.</summary>
public sealed record UpstreamAnswerFailure(UpstreamAnswerFailureKind Kind, string Message)
{
    public int Status => Kind == UpstreamAnswerFailureKind.Stalled ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;

    public string Code => Kind switch
    {
        UpstreamAnswerFailureKind.TooLarge or UpstreamAnswerFailureKind.LineTooLong => "upstream_answer_too_large",
        UpstreamAnswerFailureKind.Stalled => "upstream_timeout",
        UpstreamAnswerFailureKind.Invalid => "upstream_invalid_answer",
        _ => "upstream_error",
    };
}

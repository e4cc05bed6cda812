using System.Text.Json.Serialization;

namespace Gateway.OpenAI;

/// <summary>OpenAI's error shape: <c>{"error": {"message", "type", "param", "code"}}</c> (<c>param</c>: the request
/// field at fault, or null). The one place failure kinds become HTTP answers.</summary>
public static class OpenAIError
{
    /// <summary>The error in OpenAI's shape (Anthropic's on <c>/v1/messages</c>, see <see cref="Apis.Messages.MessagesErrorResult"/>).</summary>
    public static IResult Result(int status, string message, string type, string? code = null, string? param = null) =>
        new Apis.Messages.MessagesErrorResult(status, message,
            Results.Json(new ErrorEnvelope(new ErrorBody(message, type, param, code)), OpenAIJsonContext.Relaxed.ErrorEnvelope, statusCode: status));

    public static IResult BadRequest(string message, string code = "invalid_request", string? param = null) =>
        Result(StatusCodes.Status400BadRequest, message, "invalid_request_error", code, param);

    public static IResult NotFound(string message) =>
        Result(StatusCodes.Status404NotFound, message, "invalid_request_error", "not_found");

    public static IResult Conflict(string message, string code) =>
        Result(StatusCodes.Status409Conflict, message, "invalid_request_error", code);

    public static IResult Unauthorized() =>
        Result(StatusCodes.Status401Unauthorized, "Missing or invalid API key. Send Authorization: Bearer KEY.", "authentication_error", "invalid_api_key");

    public static IResult Forbidden(string scope) =>
        Result(StatusCodes.Status403Forbidden, $"This key lacks the '{scope}' scope.", "permission_error", "insufficient_scope");

    /// <summary>503 with <c>Retry-After</c>: the gateway could not finish its own work in time (a guardrail check ran
    /// out of its budget on a busy machine); nothing was wrong with the request, and OpenAI's and Anthropic's clients
    /// retry a 503 by themselves.</summary>
    public static IResult Unavailable(string message, string code, int retryAfterSeconds = 1) =>
        new RetryAfterResult(retryAfterSeconds, Result(StatusCodes.Status503ServiceUnavailable, message, "server_error", code));

    /// <summary>Writes the error directly (middleware that runs before endpoints).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message, string type, string? code = null) =>
        Result(status, message, type, code).ExecuteAsync(context);
}

/// <summary>Sets <c>Retry-After</c> (seconds) and writes the error.</summary>
internal sealed class RetryAfterResult(int seconds, IResult error) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (error as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return error.ExecuteAsync(httpContext);
    }
}

public sealed record ErrorEnvelope([property: JsonPropertyName("error")] ErrorBody Error);

public sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);

[JsonSerializable(typeof(ErrorEnvelope))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext
{
    /// <summary>Error messages as OpenAI writes them (<c>'default'</c>, not <c>\u0027default\u0027</c>): see <see cref="AnswerJson"/>.</summary>
    public static OpenAIJsonContext Relaxed { get; } = new(AnswerJson.Options);
}

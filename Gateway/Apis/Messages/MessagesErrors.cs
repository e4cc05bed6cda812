using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Apis.Messages;

/// <summary>Anthropic's error shape, <c>{"type":"error","error":{"type","message"},"request_id"}</c>, for every
/// answer of <c>/v1/messages</c> that is not a success: the error type follows the status as Anthropic's does.</summary>
internal static class MessagesErrors
{
    public const string Path = "/v1/messages";

    /// <summary>True when the request is a Messages call, whose errors take Anthropic's shape.</summary>
    public static bool Applies(HttpContext http) => http.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);

    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        StatusCodes.Status503ServiceUnavailable or 529 => "overloaded_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static JsonObject Body(string type, string message, string? requestId) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
        ["request_id"] = requestId,
    };

    /// <summary>The gateway's missing-key message names the header Anthropic's SDKs send.</summary>
    private const string BearerHint = "Send Authorization: Bearer KEY.";

    /// <summary>Writes the error with its status.</summary>
    public static async Task WriteAsync(HttpContext http, int status, string message)
    {
        if (status == StatusCodes.Status401Unauthorized && message.EndsWith(BearerHint, StringComparison.Ordinal))
        {
            message = message[..^BearerHint.Length] + "Send x-api-key: KEY (or Authorization: Bearer KEY).";
        }

        var bytes = AnswerJson.Bytes(Body(TypeFor(status), message, http.TraceIdentifier));
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>An upstream's error body (OpenAI's shape, Anthropic's, or anything) as Anthropic's shape: its
    /// message kept, the type from the status.</summary>
    public static string MessageOf(byte[] body, int status)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && JsonRead.String(json["error"].Field("message")) is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
        }

        return $"The upstream answered {status}.";
    }
}

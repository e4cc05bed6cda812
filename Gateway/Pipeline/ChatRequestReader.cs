using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Auth;
using Gateway.OpenAI;
using Guardrails.Checks;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Pipeline;

/// <summary>Reads and validates a chat completions body and the identity headers. Anything malformed becomes a
/// 400 (413 over the body limit) in OpenAI's error shape; nothing here can throw a 500.</summary>
public static class ChatRequestReader
{
    public const string UserIdHeader = "X-User-Id";
    public const string ContextHeader = "X-Memory-Context";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal)
    {
        "system", "developer", "user", "assistant", "tool", "function",
    };

    /// <summary>Parses the request; returns either the request or the error to answer with.</summary>
    public static async Task<(ChatRequest? Request, IResult? Error)> ReadAsync(HttpContext http, CancellationToken cancellationToken = default)
    {
        JsonNode? node;
        try
        {
            // Duplicate properties are refused, not resolved: the guardrails and the upstream must read the same body
            // (and a duplicate met later would surface as an ArgumentException, a 500).
            node = await ParseBodyAsync(http.Request, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return (null, OpenAIError.BadRequest(InvalidJsonMessage, "invalid_json"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(http));
        }

        return Validate(node, http);
    }

    /// <summary>The 400 message for a body that is not JSON, repeats a property or holds an unreadable string.</summary>
    public const string InvalidJsonMessage =
        "The request body is not valid JSON (or repeats a property, or holds a string that is not valid UTF-8 or has an unpaired surrogate escape).";

    /// <summary>The request body parsed as JSON. Throws <see cref="JsonException"/> when it is not JSON, repeats a
    /// property (the guardrails and the upstream must read the same body) or holds a string no reader could read
    /// (<see cref="JsonStrings"/>); <see cref="BadHttpRequestException"/> past the body size limit.</summary>
    public static async Task<JsonNode?> ParseBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var expected = request.ContentLength is > 0 and < 1 << 20 ? (int)request.ContentLength.Value : 1024;
        using var buffer = new MemoryStream(expected);
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        // A UTF-8 byte order mark is not JSON, but the memory API (System.Text.Json's stream reader) always skipped it and
        // editors and some HTTP clients write one: every API takes it.
        if (body.StartsWith(Utf8Bom))
        {
            body = body[Utf8Bom.Length..];
        }

        if (!JsonStrings.IsValid(body))
        {
            throw new JsonException("A string in the body is not valid UTF-8 or has an unpaired surrogate escape.");
        }

        return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
    }

    /// <summary>The 413 answer naming the configured limit.</summary>
    public static IResult TooLarge(HttpContext http)
    {
        var limit = http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        return OpenAIError.Result(StatusCodes.Status413PayloadTooLarge,
            limit is null ? "The request body is too large." : $"The request body is larger than the limit of {limit} bytes.",
            "invalid_request_error", "request_too_large");
    }

    internal static (ChatRequest? Request, IResult? Error) Validate(JsonNode? node, HttpContext http)
    {
        if (node is not JsonObject body)
        {
            return Fail("The request body must be a JSON object.", "invalid_json");
        }

        if (!body.TryGetPropertyValue("model", out var modelNode) || modelNode is not JsonValue modelValue ||
            !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            return Fail("'model' is required and must be a non-empty string.", "invalid_model", "model");
        }

        if (!body.TryGetPropertyValue("messages", out var messagesNode) || messagesNode is not JsonArray messages)
        {
            return Fail("'messages' is required and must be an array.", "invalid_messages", "messages");
        }

        if (messages.Count == 0)
        {
            return Fail("'messages' must contain at least one message.", "invalid_messages", "messages");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (MessageError(messages[i]) is { } error)
            {
                return Fail($"messages[{i}]: {error}", "invalid_messages", $"messages[{i}]");
            }

            if (ChatFieldRules.MessageProblem((JsonObject)messages[i]!) is { } fault)
            {
                var param = $"messages[{i}].{fault.Param}";
                return (null, OpenAIError.BadRequest($"'{param}' {fault.Problem}.", "invalid_messages", param));
            }
        }

        var stream = false;
        if (body.TryGetPropertyValue("stream", out var streamNode) && streamNode is not null)
        {
            if (streamNode.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Fail("'stream' must be a boolean.", "invalid_stream", "stream");
            }

            stream = streamNode.GetValue<bool>();
        }

        if (ChatFieldRules.Problem(body) is { } wrong)
        {
            return (null, OpenAIError.BadRequest($"'{wrong.Param}' {wrong.Problem}.", "invalid_parameter", wrong.Param));
        }

        if (ResponseFormatProblem(body) is { } schemaProblem)
        {
            return Fail($"'response_format': {schemaProblem}.", "invalid_response_format", "response_format");
        }

        string? userId = null;
        if (body.TryGetPropertyValue("user", out var userNode) && userNode is not null)
        {
            if (userNode.GetValueKind() != JsonValueKind.String)
            {
                return Fail("'user' must be a string.", "invalid_user", "user");
            }

            userId = userNode.GetValue<string>();
        }

        var (requestContext, problem, code) = ContextFor(http, userId, model);
        if (requestContext is null)
        {
            return Fail(problem!, code!);
        }

        return (new ChatRequest(body, messages, stream, requestContext), null);
    }

    /// <summary>The request's context: the end user (<paramref name="userId"/> from the body, else <c>X-User-Id</c>),
    /// the feature context (<c>X-Memory-Context</c>), the caller. Shared by every API's front end; a bad id is the
    /// message and code to answer with in the API's own error shape.</summary>
    internal static (ChatRequestContext? Context, string? Problem, string? Code) ContextFor(
        HttpContext http, string? userId, string model, ClientApi api = ClientApi.ChatCompletions, JsonObject? nativeBody = null)
    {
        if (string.IsNullOrEmpty(userId) && http.Request.Headers.TryGetValue(UserIdHeader, out var header))
        {
            // Two X-User-Id lines name two users: joined, they used to become a third user ("alice,bob") whose memory
            // neither has. Which one the app meant cannot be told, so the call is refused.
            if (header.Count > 1)
            {
                return (null, $"{UserIdHeader} must be sent once; the request named {header.Count} users.", "invalid_user");
            }

            userId = header.ToString();
        }

        if (userId is { Length: 0 })
        {
            userId = null;
        }

        if (userId is not null && !IdentityRules.IsValidUserId(userId))
        {
            return (null, IdentityRules.UserIdRule, "invalid_user");
        }

        var context = IdentityRules.DefaultContext;
        if (http.Request.Headers.TryGetValue(ContextHeader, out var contextHeader) && contextHeader.Count > 1)
        {
            return (null, $"{ContextHeader} must be sent once.", "invalid_context");
        }

        if (contextHeader.Count > 0)
        {
            // Free text; an empty header is no header.
            context = contextHeader.ToString().Trim();
            if (context.Length == 0)
            {
                context = IdentityRules.DefaultContext;
            }
            else if (!IdentityRules.IsValidContext(context))
            {
                return (null, $"{ContextHeader} must be 1-{IdentityRules.MaxContextLength} characters without control characters.", "invalid_context");
            }
        }

        return (new ChatRequestContext
        {
            RequestId = http.TraceIdentifier,
            Caller = http.GetCaller(),
            UserId = userId,
            MemoryContext = context,
            Model = model,
            Canary = NewCanary(),
            Api = api,
            NativeBody = nativeBody,
        }, null, null);
    }

    private static string? MessageError(JsonNode? message)
    {
        if (message is not JsonObject m)
        {
            return "each message must be an object.";
        }

        if (!m.TryGetPropertyValue("role", out var role) || role is not JsonValue rv || !rv.TryGetValue<string>(out var r))
        {
            return "'role' is required and must be a string.";
        }

        if (!Roles.Contains(r))
        {
            return $"unknown role '{Truncate(r)}'.";
        }

        if (!m.TryGetPropertyValue("content", out var content) || content is null)
        {
            // Assistant messages that only call tools carry no content.
            return r is "assistant" && (m.ContainsKey("tool_calls") || m.ContainsKey("function_call"))
                ? null
                : "'content' is required.";
        }

        return content.GetValueKind() switch
        {
            JsonValueKind.String => null,
            JsonValueKind.Array => content.AsArray().All(p => p is JsonObject) ? null : "content parts must be objects.",
            _ => "'content' must be a string or an array of content parts.",
        };
    }

    /// <summary>Why the <c>response_format</c> JSON schema cannot be used by the output guard (an invalid pattern).</summary>
    private static string? ResponseFormatProblem(JsonObject body) =>
        body["response_format"] is JsonObject format && format["json_schema"] is JsonObject jsonSchema && jsonSchema["schema"] is JsonObject schema
            ? ResponseSchemaRules.Problem(schema)
            : null;

    private static string Truncate(string s) => s.Length <= 32 ? s : s[..32];

    private static (ChatRequest?, IResult?) Fail(string message, string code, string? param = null) => (null, OpenAIError.BadRequest(message, code, param));

    private static string NewCanary() => "mem-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}

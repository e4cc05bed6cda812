using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>A Messages request body into the pipeline's chat completions form: <c>system</c> (a string or text
/// blocks) as the first message, the messages (<see cref="MessagesContentTranslator"/>), <c>tools</c> as function
/// tools, <c>tool_choice</c>, <c>stop_sequences</c> as <c>stop</c>, <c>max_tokens</c>, <c>temperature</c>,
/// <c>top_p</c>, <c>metadata.user_id</c> as <c>user</c>, <c>stream</c> (with usage asked for, which the Messages
/// events report). Fields chat cannot carry stay in the app's body (<see cref="MessagesNativeFields"/>).</summary>
internal static class MessagesRequestTranslator
{
    /// <param name="body">The app's Messages body.</param>
    /// <param name="counting">True for <c>count_tokens</c>, whose body has no <c>max_tokens</c>: one given is still
    /// checked, none is asked for.</param>
    public static MessagesTranslation Translate(JsonObject body, bool counting = false)
    {
        if (JsonRead.String(body["model"]) is not { } model || string.IsNullOrWhiteSpace(model))
        {
            return MessagesTranslation.Fail("model", "is required and must be a non-empty string");
        }

        var maxTokens = JsonRead.Integer(body["max_tokens"]);
        if (!(counting && JsonRead.IsNull(body["max_tokens"])) && (maxTokens is null || maxTokens < 1))
        {
            return MessagesTranslation.Fail("max_tokens", "is required and must be a positive integer");
        }

        if (body["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return MessagesTranslation.Fail("messages", "is required and must be a non-empty array");
        }

        var chat = new JsonArray();
        if (System(body["system"], chat) is { } systemFailure)
        {
            return systemFailure;
        }

        if (MessagesContentTranslator.Translate(messages, chat) is { } contentFailure)
        {
            return contentFailure;
        }

        var result = new JsonObject { ["model"] = model, ["messages"] = chat };
        if (maxTokens is { } max)
        {
            result["max_tokens"] = max;
        }

        var stream = body["stream"];
        if (!JsonRead.IsNull(stream))
        {
            if (JsonRead.Bool(stream) is not { } s)
            {
                return MessagesTranslation.Fail("stream", "must be a boolean");
            }

            result["stream"] = s;
            if (s)
            {
                result["stream_options"] = new JsonObject { ["include_usage"] = true };
            }
        }

        return Sampling(body, result) ?? Metadata(body, result) ?? Stop(body, result) ?? MessagesToolTranslator.Translate(body, result)
            ?? new MessagesTranslation(result);
    }

    private static MessagesTranslation? System(JsonNode? system, JsonArray chat)
    {
        if (JsonRead.IsNull(system))
        {
            return null;
        }

        if (MessagesContentTranslator.SystemText(system) is not { } joined)
        {
            return MessagesTranslation.Fail("system", "must be a string or an array of text blocks");
        }

        if (joined.Length > 0)
        {
            chat.Add(new JsonObject { ["role"] = "system", ["content"] = joined });
        }

        return null;
    }

    private static MessagesTranslation? Sampling(JsonObject body, JsonObject result)
    {
        foreach (var (field, max) in (ReadOnlySpan<(string, double)>)[("temperature", 1.0), ("top_p", 1.0)])
        {
            var value = body[field];
            if (JsonRead.IsNull(value))
            {
                continue;
            }

            if (!JsonRead.IsNumber(value) || value!.GetValue<double>() is var d && (d < 0 || d > max))
            {
                return MessagesTranslation.Fail(field, $"must be a number between 0 and {max}");
            }

            result[field] = value.DeepClone();
        }

        return null;
    }

    private static MessagesTranslation? Metadata(JsonObject body, JsonObject result)
    {
        var metadata = body["metadata"];
        if (JsonRead.IsNull(metadata))
        {
            return null;
        }

        if (metadata is not JsonObject m)
        {
            return MessagesTranslation.Fail("metadata", "must be an object");
        }

        // Messages metadata has user_id only (Anthropic refuses any other key); another key would be dropped here.
        if (m.Select(p => p.Key).FirstOrDefault(k => k != "user_id") is { } other)
        {
            return MessagesTranslation.Fail("metadata." + (other.Length <= 40 ? other : other[..40]), "is not a metadata field (Messages metadata holds user_id only)");
        }

        var user = m["user_id"];
        if (JsonRead.IsNull(user))
        {
            return null;
        }

        if (JsonRead.String(user) is not { } userId)
        {
            return MessagesTranslation.Fail("metadata.user_id", "must be a string");
        }

        if (userId.Length > 0)
        {
            result["user"] = userId;
        }

        return null;
    }

    private static MessagesTranslation? Stop(JsonObject body, JsonObject result)
    {
        var stops = body["stop_sequences"];
        if (JsonRead.IsNull(stops))
        {
            return null;
        }

        if (stops is not JsonArray list || list.Any(s => JsonRead.String(s) is null))
        {
            return MessagesTranslation.Fail("stop_sequences", "must be an array of strings");
        }

        if (list.Count > 0)
        {
            result["stop"] = list.DeepClone();
        }

        return null;
    }

    /// <summary>The user id the request names (<c>metadata.user_id</c>), already validated by <see cref="Translate"/>.</summary>
    public static string? UserOf(JsonObject chatBody) =>
        chatBody["user"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

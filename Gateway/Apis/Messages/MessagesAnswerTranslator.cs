using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Apis.Messages;

/// <summary>A chat completion (the pipeline's answer, already guarded) as an Anthropic Message: its reasoning as a
/// thinking block (signed when an upstream that speaks Messages signed it), the first choice's text as a text block, each tool call as a <c>tool_use</c> block (its arguments parsed as the input), the stop
/// reason and the usage.</summary>
internal static class MessagesAnswerTranslator
{
    public static JsonObject ToMessage(JsonObject completion, string requestModel)
    {
        var choice = (completion["choices"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var message = choice.Field("message") as JsonObject;
        var content = new JsonArray();
        if (JsonRead.String(message.Field("reasoning_content")) is { Length: > 0 } thinking)
        {
            content.Add(new JsonObject
            {
                ["type"] = "thinking",
                ["thinking"] = thinking,
                ["signature"] = JsonRead.String(message?[MessagesStreamTranslator.ThinkingSignatureField]) ?? string.Empty,
            });
        }

        foreach (var data in (message.Field("redacted_thinking") as JsonArray ?? []).Select(JsonRead.String).OfType<string>())
        {
            content.Add(new JsonObject { ["type"] = "redacted_thinking", ["data"] = data });
        }

        var text = ContentText(message.Field("content"));
        if (text.Length > 0)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        foreach (var call in (message.Field("tool_calls") as JsonArray ?? []).OfType<JsonObject>())
        {
            var function = call["function"] as JsonObject;
            content.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = JsonRead.String(call["id"]) ?? "toolu_" + Guid.NewGuid().ToString("N")[..24],
                ["name"] = JsonRead.String(function.Field("name")) ?? string.Empty,
                ["input"] = Input(JsonRead.String(function.Field("arguments"))),
            });
        }

        return new JsonObject
        {
            ["id"] = MessageId(JsonRead.String(completion["id"])),
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = JsonRead.String(completion["model"]) ?? requestModel,
            ["content"] = content,
            ["stop_reason"] = MessagesStopReasons.FromChat(JsonRead.String(choice.Field("finish_reason")), JsonRead.String(choice.Field("stop_sequence"))),
            ["stop_sequence"] = JsonRead.String(choice.Field("stop_sequence")),
            ["usage"] = Usage(completion["usage"] as JsonObject),
        };
    }

    /// <summary>A message id for a chat completion id (<c>msg_</c> + its id without the <c>chatcmpl-</c> prefix).</summary>
    public static string MessageId(string? chatId) =>
        chatId is null ? "msg_" + Guid.NewGuid().ToString("N")
        : chatId.StartsWith("msg_", StringComparison.Ordinal) ? chatId
        : "msg_" + (chatId.StartsWith("chatcmpl-", StringComparison.Ordinal) ? chatId["chatcmpl-".Length..] : chatId);

    /// <summary><c>usage</c> of a chat completion in Messages terms (zeros when absent).</summary>
    public static JsonObject Usage(JsonObject? usage) => new()
    {
        ["input_tokens"] = JsonRead.Integer(usage.Field("prompt_tokens")) ?? 0,
        ["output_tokens"] = JsonRead.Integer(usage.Field("completion_tokens")) ?? 0,
    };

    /// <summary>Tool call arguments as a JSON object; arguments that are not one are kept as a string field so
    /// nothing is lost.</summary>
    public static JsonNode Input(string? arguments)
    {
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return new JsonObject();
        }

        try
        {
            if (JsonNode.Parse(arguments) is JsonObject input)
            {
                return input;
            }
        }
        catch (JsonException)
        {
        }

        return new JsonObject { ["arguments"] = arguments };
    }

    private static string ContentText(JsonNode? content) =>
        JsonRead.String(content) ?? string.Concat((content as JsonArray ?? []).OfType<JsonObject>().Select(p => JsonRead.String(p["text"]) ?? string.Empty));
}

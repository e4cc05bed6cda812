using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>An Anthropic Message as a chat completion: text blocks as the content, <c>tool_use</c> blocks as tool
/// calls (input serialized as the arguments), thinking as <c>reasoning_content</c>, the stop reason as
/// <c>finish_reason</c> (and the stop sequence kept on the choice), usage with cached input counted as prompt.</summary>
internal static class AnthropicAnswerTranslator
{
    public static JsonObject? ToChatCompletion(JsonObject answer, long created)
    {
        if (JsonRead.String(answer["type"]) != "message" || answer["content"] is not JsonArray content)
        {
            return null;
        }

        var text = new List<string>();
        var thinking = new List<string>();
        string? signature = null;
        var redacted = new JsonArray();
        var calls = new JsonArray();
        foreach (var block in content.OfType<JsonObject>())
        {
            switch (JsonRead.String(block["type"]))
            {
                case "text":
                    text.Add(JsonRead.String(block["text"]) ?? string.Empty);
                    break;
                case "thinking":
                    thinking.Add(JsonRead.String(block["thinking"]) ?? string.Empty);
                    signature = JsonRead.String(block["signature"]) ?? signature;
                    break;
                case "redacted_thinking":
                    redacted.Add(JsonRead.String(block["data"]));
                    break;
                case "tool_use":
                    calls.Add(new JsonObject
                    {
                        ["id"] = JsonRead.String(block["id"]),
                        ["type"] = "function",
                        ["function"] = new JsonObject
                        {
                            ["name"] = JsonRead.String(block["name"]),
                            ["arguments"] = (block["input"] ?? new JsonObject()).ToJsonString(),
                        },
                    });
                    break;
            }
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = calls.Count > 0 && text.Count == 0 ? null : string.Concat(text) };
        if (thinking.Count > 0)
        {
            message["reasoning_content"] = string.Concat(thinking);
        }

        // What a Messages app must send back with its next turn (chat clients ignore these fields).
        if (signature is not null)
        {
            message[MessagesStreamTranslator.ThinkingSignatureField] = signature;
        }

        if (redacted.Count > 0)
        {
            message["redacted_thinking"] = redacted;
        }

        if (calls.Count > 0)
        {
            message["tool_calls"] = calls;
        }

        var choice = new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["logprobs"] = null,
            ["finish_reason"] = MessagesStopReasons.ToChat(JsonRead.String(answer["stop_reason"])),
        };
        if (JsonRead.String(answer["stop_sequence"]) is { } stopSequence)
        {
            choice["stop_sequence"] = stopSequence;
        }

        return new JsonObject
        {
            ["id"] = JsonRead.String(answer["id"]) ?? "msg_unknown",
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = JsonRead.String(answer["model"]),
            ["choices"] = new JsonArray(choice),
            ["usage"] = Usage(answer["usage"] as JsonObject, null),
        };
    }

    /// <summary>Messages usage in chat terms; <paramref name="outputTokens"/> overrides the output count (streams
    /// report it last).</summary>
    public static JsonObject Usage(JsonObject? usage, long? outputTokens)
    {
        var input = (JsonRead.Integer(usage.Field("input_tokens")) ?? 0)
            + (JsonRead.Integer(usage.Field("cache_creation_input_tokens")) ?? 0)
            + (JsonRead.Integer(usage.Field("cache_read_input_tokens")) ?? 0);
        var output = outputTokens ?? JsonRead.Integer(usage.Field("output_tokens")) ?? 0;
        return new JsonObject { ["prompt_tokens"] = input, ["completion_tokens"] = output, ["total_tokens"] = input + output };
    }
}

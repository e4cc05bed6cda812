using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Apis.Responses;

/// <summary>The Responses output items built from an answer in chat form: an assistant message with its
/// <c>output_text</c> (and <c>refusal</c>) part, and one <c>function_call</c> item per tool call.</summary>
internal static class ResponseOutput
{
    public static JsonObject Message(string id, string status, string? text, string? refusal)
    {
        var content = new JsonArray();
        if (text is not null)
        {
            content.Add(TextPart(text));
        }

        if (refusal is not null)
        {
            content.Add(RefusalPart(refusal));
        }

        return new JsonObject { ["id"] = id, ["type"] = "message", ["status"] = status, ["role"] = "assistant", ["content"] = content };
    }

    public static JsonObject TextPart(string text) =>
        new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray(), ["logprobs"] = new JsonArray() };

    public static JsonObject RefusalPart(string refusal) => new() { ["type"] = "refusal", ["refusal"] = refusal };

    public static JsonObject FunctionCall(string id, string status, string callId, string name, string arguments) => new()
    {
        ["id"] = id,
        ["type"] = "function_call",
        ["status"] = status,
        ["arguments"] = arguments,
        ["call_id"] = callId,
        ["name"] = name,
    };

    /// <summary>Chat usage (<c>prompt_tokens</c>, <c>completion_tokens</c>) as Responses usage.</summary>
    public static JsonObject Usage(JsonObject? chatUsage)
    {
        var input = Json.Long(chatUsage.Field("prompt_tokens"));
        var output = Json.Long(chatUsage.Field("completion_tokens"));
        var total = chatUsage.Field("total_tokens") is { } t ? Json.Long(t) : input + output;
        return new JsonObject
        {
            ["input_tokens"] = input,
            ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = Json.Long(chatUsage.Field("prompt_tokens_details").Field("cached_tokens")) },
            ["output_tokens"] = output,
            ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = Json.Long(chatUsage.Field("completion_tokens_details").Field("reasoning_tokens")) },
            ["total_tokens"] = total,
        };
    }

    /// <summary>The response status and incomplete details for a chat <c>finish_reason</c>.</summary>
    public static (string Status, JsonObject? Incomplete) StatusFor(string? finishReason) => finishReason switch
    {
        "length" => ("incomplete", new JsonObject { ["reason"] = "max_output_tokens" }),
        "content_filter" => ("incomplete", new JsonObject { ["reason"] = "content_filter" }),
        _ => ("completed", null),
    };
}

using System.Text;
using System.Text.Json.Nodes;
using Gateway.Apis.Responses;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>A Responses upstream's plain answer in chat completion form: its message items' text as the content,
/// refusals as the refusal, <c>function_call</c> items as tool calls, the status as the finish reason, usage in
/// chat's names. The response id is kept (a later <c>previous_response_id</c> must find it upstream).</summary>
internal static class ResponsesAnswerTranslator
{
    public static JsonObject? ToChatCompletion(JsonObject response)
    {
        if (Json.String(response["object"]) != "response" || response["output"] is not JsonArray output)
        {
            return null;
        }

        var text = new StringBuilder();
        string? refusal = null;
        var calls = new JsonArray();
        foreach (var item in output.OfType<JsonObject>())
        {
            switch (Json.String(item["type"]))
            {
                case "message":
                    foreach (var part in (item["content"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (Json.String(part["type"]) == "output_text")
                        {
                            text.Append(Json.String(part["text"]));
                        }
                        else if (Json.String(part["type"]) == "refusal")
                        {
                            refusal = (refusal ?? string.Empty) + Json.String(part["refusal"]);
                        }
                    }

                    break;
                case "function_call":
                    calls.Add(new JsonObject
                    {
                        ["id"] = Json.String(item["call_id"]),
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = Json.String(item["name"]), ["arguments"] = Json.String(item["arguments"]) ?? string.Empty },
                    });
                    break;
            }
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = text.Length > 0 || calls.Count == 0 ? text.ToString() : null };
        if (refusal is not null)
        {
            message["refusal"] = refusal;
        }

        if (calls.Count > 0)
        {
            message["tool_calls"] = calls;
        }

        return new JsonObject
        {
            ["id"] = Json.String(response["id"]),
            ["object"] = "chat.completion",
            ["created"] = Json.Long(response["created_at"]),
            ["model"] = Json.String(response["model"]),
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(response, calls.Count > 0),
            }),
            ["usage"] = Usage(response["usage"] as JsonObject),
        };
    }

    public static string FinishReason(JsonObject? response, bool calledTools) =>
        Json.String(response.Field("incomplete_details").Field("reason")) switch
        {
            "max_output_tokens" => "length",
            "content_filter" => "content_filter",
            _ => calledTools ? "tool_calls" : "stop",
        };

    public static JsonObject? Usage(JsonObject? usage) => usage is null ? null : new JsonObject
    {
        ["prompt_tokens"] = Json.Long(usage["input_tokens"]),
        ["completion_tokens"] = Json.Long(usage["output_tokens"]),
        ["total_tokens"] = Json.Long(usage["total_tokens"]),
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = Json.Long(usage["input_tokens_details"].Field("cached_tokens")) },
        ["completion_tokens_details"] = new JsonObject { ["reasoning_tokens"] = Json.Long(usage["output_tokens_details"].Field("reasoning_tokens")) },
    };
}

using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Apis.Responses;

/// <summary>A plain answer in chat completion form (already guarded) as a Responses object: the assistant message
/// as a <c>message</c> item with its <c>output_text</c>, each tool call as a <c>function_call</c> item, the finish
/// reason as the status, usage in Responses' names.</summary>
internal static class ResponseFromCompletion
{
    public static JsonObject Build(JsonObject completion, ChatRequest request, long now, ResponseIdSeal ids)
    {
        var choice = (completion["choices"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var message = choice.Field("message") as JsonObject;
        var (status, incomplete) = ResponseOutput.StatusFor(Json.String(choice.Field("finish_reason")));
        var output = new JsonArray();
        var text = TextOf(message.Field("content"));
        var refusal = Json.String(message.Field("refusal"));
        if (text is { Length: > 0 } || refusal is not null)
        {
            output.Add(ResponseOutput.Message(ResponseIds.New("msg_"), status, text, refusal));
        }

        foreach (var call in (message.Field("tool_calls") as JsonArray ?? []).OfType<JsonObject>())
        {
            var function = call["function"] as JsonObject;
            output.Add(ResponseOutput.FunctionCall(ResponseIds.New("fc_"), "completed",
                Json.String(call["id"]) ?? ResponseIds.New("call_"), Json.String(function.Field("name")) ?? string.Empty, Json.String(function.Field("arguments")) ?? string.Empty));
        }

        if (message.Field("function_call") is JsonObject legacy)
        {
            output.Add(ResponseOutput.FunctionCall(ResponseIds.New("fc_"), "completed", ResponseIds.New("call_"),
                Json.String(legacy["name"]) ?? string.Empty, Json.String(legacy["arguments"]) ?? string.Empty));
        }

        var created = Json.Long(completion["created"]);
        return ResponseEnvelope.Build(request, ids, ids.ResponseId(Json.String(completion["id"]), request.Context), created > 0 ? created : now,
            Json.String(completion["model"]), status, output, ResponseOutput.Usage(completion["usage"] as JsonObject), incomplete);
    }

    /// <summary>A chat message's content: the string, or its text parts joined.</summary>
    private static string? TextOf(JsonNode? content) =>
        Json.String(content) ?? (content is JsonArray parts
            ? string.Concat(parts.OfType<JsonObject>().Select(p => Json.String(p["text"]) ?? string.Empty))
            : null);
}

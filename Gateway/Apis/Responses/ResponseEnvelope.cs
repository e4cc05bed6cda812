using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Apis.Responses;

/// <summary>The Responses object around the output: id, status, the request's settings echoed as the app sent them
/// (instructions, tools, text format, sampling, metadata...), usage.</summary>
internal static class ResponseEnvelope
{
    public static JsonObject Build(ChatRequest request, ResponseIdSeal ids, string id, long createdAt, string? model, string status, JsonArray output,
        JsonObject? usage = null, JsonObject? incomplete = null, JsonObject? error = null)
    {
        var native = request.Context.NativeBody ?? [];
        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "response",
            ["created_at"] = createdAt,
            ["status"] = status,
            ["background"] = false,
            ["error"] = error,
            ["incomplete_details"] = incomplete,
            ["instructions"] = Echo(native, "instructions"),
            ["max_output_tokens"] = Echo(native, "max_output_tokens"),
            ["max_tool_calls"] = Echo(native, "max_tool_calls"),
            ["model"] = model ?? request.Context.Model,
            ["output"] = output,
            ["parallel_tool_calls"] = Echo(native, "parallel_tool_calls") ?? true,
            ["previous_response_id"] = ids.PreviousResponseId(request.Context),
            ["reasoning"] = new JsonObject { ["effort"] = Echo(native["reasoning"] as JsonObject ?? [], "effort"), ["summary"] = null },
            ["safety_identifier"] = Echo(native, "safety_identifier"),
            ["service_tier"] = Echo(native, "service_tier") ?? "default",
            ["store"] = Echo(native, "store") ?? false,
            ["temperature"] = Echo(native, "temperature") ?? 1.0,
            ["text"] = new JsonObject { ["format"] = Echo(native["text"] as JsonObject ?? [], "format") ?? new JsonObject { ["type"] = "text" } },
            ["tool_choice"] = Echo(native, "tool_choice") ?? "auto",
            ["tools"] = Echo(native, "tools") ?? new JsonArray(),
            ["top_p"] = Echo(native, "top_p") ?? 1.0,
            ["truncation"] = Echo(native, "truncation") ?? "disabled",
            ["usage"] = usage,
            ["user"] = Echo(native, "user"),
            ["metadata"] = Echo(native, "metadata") ?? new JsonObject(),
        };
    }

    private static JsonNode? Echo(JsonObject native, string field) =>
        native.TryGetPropertyValue(field, out var value) && !Json.IsNull(value) ? value!.DeepClone() : null;
}

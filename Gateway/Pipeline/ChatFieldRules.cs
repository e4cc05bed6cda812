using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>The types and ranges of the chat completions fields OpenAI defines, checked before anything is forwarded:
/// a wrong one is the app's 400 naming the field, as OpenAI answers it, instead of a call an upstream may take and
/// answer with a 200 (Ollama and vLLM ignore much of it). Null stands for an absent field; fields not named here pass
/// through unchecked, so new OpenAI fields keep working.</summary>
internal static class ChatFieldRules
{
    /// <summary>The first field at fault and why, or null when every known field has its type.</summary>
    public static (string Param, string Problem)? Problem(JsonObject body)
    {
        foreach (var (key, value) in body)
        {
            if (value is null || value.GetValueKind() == JsonValueKind.Null)
            {
                continue;
            }

            var problem = key switch
            {
                "n" => Integer(value, 1, 128),
                "temperature" => Number(value, 0, 2),
                "top_p" => Number(value, 0, 1),
                "presence_penalty" or "frequency_penalty" => Number(value, -2, 2),
                "max_tokens" or "max_completion_tokens" => Integer(value, 1, long.MaxValue),
                "top_logprobs" => Integer(value, 0, 20),
                "seed" => Integer(value, long.MinValue, long.MaxValue),
                "logprobs" or "parallel_tool_calls" or "store" => Boolean(value),
                "stop" => Stop(value),
                "tools" or "functions" => ArrayOfObjects(value),
                "tool_choice" => value is JsonObject || StringOf(value) is "none" or "auto" or "required"
                    ? null : "must be \"none\", \"auto\", \"required\" or an object naming a tool",
                "function_call" => value.GetValueKind() is JsonValueKind.String or JsonValueKind.Object ? null : "must be a string or an object",
                "stream_options" => StreamOptions(value),
                "response_format" => ResponseFormat(value),
                "metadata" => StringMap(value),
                "logit_bias" => value is JsonObject bias && bias.All(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
                    ? null : "must be an object of token ids to numbers",
                "modalities" => value is JsonArray modalities && modalities.All(m => m?.GetValueKind() == JsonValueKind.String)
                    ? null : "must be an array of strings",
                "service_tier" or "reasoning_effort" or "verbosity" or "prompt_cache_key" or "safety_identifier" =>
                    value.GetValueKind() == JsonValueKind.String ? null : "must be a string",
                "prediction" or "audio" or "web_search_options" => value is JsonObject ? null : "must be an object",
                _ => null,
            };
            if (problem is not null)
            {
                return (key, problem);
            }
        }

        return null;
    }

    /// <summary>The first field of one message at fault (relative to the message) and why, beyond role and content.</summary>
    public static (string Param, string Problem)? MessageProblem(JsonObject message)
    {
        foreach (var key in (ReadOnlySpan<string>)["name", "tool_call_id", "refusal"])
        {
            if (message[key] is { } value && value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (key, "must be a string");
            }
        }

        if (message["tool_calls"] is { } calls && calls.GetValueKind() != JsonValueKind.Null &&
            (calls is not JsonArray list || !list.All(c => c is JsonObject)))
        {
            return ("tool_calls", "must be an array of objects");
        }

        if (message["content"] is JsonArray parts)
        {
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] is not JsonObject part || part["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
                {
                    return ($"content[{i}].type", "is required: each content part is an object with a string 'type'");
                }

                if (type.GetValue<string>() == "text" && part["text"]?.GetValueKind() != JsonValueKind.String)
                {
                    return ($"content[{i}].text", "must be a string");
                }
            }
        }

        return null;
    }

    private static string? Number(JsonNode value, double min, double max) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d) && d >= min && d <= max
            ? null
            : $"must be a number from {min} to {max}";

    private static string? Integer(JsonNode value, long min, long max)
    {
        var problem = min == long.MinValue ? "must be an integer"
            : max == long.MaxValue ? $"must be an integer of at least {min}"
            : $"must be an integer from {min} to {max}";
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return problem;
        }

        if (!v.TryGetValue(out long n))
        {
            // 2.0 is an integer too; 2.5, 1e300 and the like are not.
            if (!v.TryGetValue(out double d) || Math.Floor(d) != d || Math.Abs(d) >= 9e18)
            {
                return problem;
            }

            n = (long)d;
        }

        return n >= min && n <= max ? null : problem;
    }

    private static string? StringOf(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static string? Boolean(JsonNode value) =>
        value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be a boolean";

    private static string? Stop(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String || (value is JsonArray stops && stops.All(s => s?.GetValueKind() == JsonValueKind.String))
            ? null
            : "must be a string or an array of strings";

    private static string? ArrayOfObjects(JsonNode value) =>
        value is JsonArray items && items.All(t => t is JsonObject) ? null : "must be an array of objects";

    private static string? StreamOptions(JsonNode value) =>
        value is not JsonObject options ? "must be an object"
        : options["include_usage"] is { } usage && usage.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)
            ? "include_usage must be a boolean"
            : null;

    private static string? ResponseFormat(JsonNode value)
    {
        if (value is not JsonObject format || format["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
        {
            return "must be an object with a string 'type' (text, json_object or json_schema)";
        }

        return type.GetValue<string>() == "json_schema" && format["json_schema"] is not JsonObject
            ? "json_schema is required (an object with 'name' and 'schema') when type is json_schema"
            : null;
    }

    private static string? StringMap(JsonNode value) =>
        value is JsonObject map && map.All(p => p.Value?.GetValueKind() == JsonValueKind.String) ? null : "must be an object of string values";
}

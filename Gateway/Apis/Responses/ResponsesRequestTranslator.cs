using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrails.Checks;
using Gateway.OpenAI;

namespace Gateway.Apis.Responses;

/// <summary>A Responses request (<c>POST /v1/responses</c>) as the chat completions body the pipeline runs:
/// <c>instructions</c> as the first system message, <c>input</c> as messages, tools, tool choice, text format,
/// token limit and sampling as their chat fields. Fields only a Responses upstream can honour stay in the native
/// body (<see cref="ResponsesNativeFields"/>); any other field is refused naming it.</summary>
internal static class ResponsesRequestTranslator
{
    /// <summary>Fields copied as they are: chat completions has the same name and meaning.</summary>
    private static readonly HashSet<string> SameInChat = new(StringComparer.Ordinal)
    {
        "temperature", "top_p", "metadata", "parallel_tool_calls", "user", "safety_identifier", "service_tier",
        "prompt_cache_key", "prompt_cache_retention",
    };

    /// <summary>Why <c>conversation</c> is refused whatever the upstream: every tenant reaches the provider under the
    /// gateway's one key, and the gateway never hands out conversation ids (it creates none), so it cannot tell whose a
    /// named conversation is. Passing it on would let any tenant or user continue, and read back through the model,
    /// a conversation another one's personalized answers were appended to. Stored responses are chained with
    /// <c>previous_response_id</c>, whose ids are sealed to their tenant and user.</summary>
    internal const string ConversationRefused = "conversations cannot pass through the gateway: it cannot tell whose a conversation is, "
        + "since every caller reaches the provider under the gateway's one key. Chain stored responses with previous_response_id "
        + "(the ids the gateway hands out are bound to their tenant and user), or send the whole input.";

    /// <summary>At most this many metadata pairs, keys and values at most these lengths (OpenAI's limits).</summary>
    private const int MetadataPairs = 16, MetadataKeyLength = 64, MetadataValueLength = 512;

    public static (JsonObject? Chat, ResponsesProblem? Problem) Translate(JsonObject body)
    {
        if (Json.String(body["model"]) is not { Length: > 0 } model || string.IsNullOrWhiteSpace(model))
        {
            return (null, new ResponsesProblem("model", "is required and must be a non-empty string.", "invalid_model"));
        }

        var messages = new JsonArray();
        var chat = new JsonObject { ["model"] = model };
        foreach (var (key, value) in body)
        {
            var problem = key switch
            {
                "model" or "input" or "instructions" => null,
                "stream" => Stream(value, chat),
                "tools" when !Json.IsNull(value) => ResponsesToolTranslator.Tools(value, chat),
                "tool_choice" when !Json.IsNull(value) => ResponsesToolTranslator.ToolChoice(value, chat),
                "text" when !Json.IsNull(value) => ResponsesToolTranslator.Text(value, chat),
                "max_output_tokens" when !Json.IsNull(value) => MaxOutputTokens(value, chat),
                "reasoning" when !Json.IsNull(value) => Reasoning(value, chat),
                "user" or "safety_identifier" or "prompt_cache_key" or "previous_response_id" when !Json.IsNull(value) && Json.String(value) is null =>
                    new ResponsesProblem(key, "must be a string."),
                "metadata" when !Json.IsNull(value) => Metadata(value) ?? Copy(key, value, chat),
                "temperature" when !Json.IsNull(value) => Number(key, value, 2) ?? Copy(key, value, chat),
                "top_p" when !Json.IsNull(value) => Number(key, value, 1) ?? Copy(key, value, chat),
                "parallel_tool_calls" when !Json.IsNull(value) && value!.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) =>
                    new ResponsesProblem(key, "must be a boolean."),
                "service_tier" or "prompt_cache_retention" when !Json.IsNull(value) && Json.String(value) is null => new ResponsesProblem(key, "must be a string."),
                "conversation" when !Json.IsNull(value) => new ResponsesProblem(key, ConversationRefused, "unsupported_field"),
                _ when SameInChat.Contains(key) => Copy(key, value, chat),
                "background" when Json.IsTrue(value) => new ResponsesProblem(key, "background responses are not served by the gateway.", "unsupported_field"),
                "include" when value is JsonArray { Count: > 0 } => new ResponsesProblem(key,
                    "the gateway's answer carries messages and function calls only (no reasoning content, logprobs or tool sources).", "unsupported_field"),
                "top_logprobs" when !Json.IsNull(value) => new ResponsesProblem(key, "logprobs are not carried by the gateway's Responses answer.", "unsupported_field"),
                "tools" or "tool_choice" or "text" or "max_output_tokens" or "reasoning" or "background" or "include" or "top_logprobs" => null,
                "stream_options" => null, // obfuscation padding: the gateway's events carry none either way.
                _ when ResponsesNativeFields.IsNative(key) => null,
                _ => new ResponsesProblem(key, "is not a Responses field the gateway knows; it would be dropped, so the call is refused.", "unsupported_field"),
            };
            if (problem is not null)
            {
                return (null, problem);
            }
        }

        if (!Json.IsNull(body["instructions"]))
        {
            if (Json.String(body["instructions"]) is not { } instructions)
            {
                return (null, new ResponsesProblem("instructions", "must be a string."));
            }

            messages.Add(new JsonObject { ["role"] = "system", ["content"] = instructions });
        }

        if (!Json.IsNull(body["input"]) && ResponsesInputTranslator.Translate(body["input"], messages) is { } inputProblem)
        {
            return (null, inputProblem);
        }

        if (messages.Count == 0 && Json.IsNull(body["previous_response_id"]) && Json.IsNull(body["prompt"]))
        {
            return (null, new ResponsesProblem("input", "is required (a string or input items)."));
        }

        if (chat["response_format"].Field("json_schema").Field("schema") is JsonObject schema && ResponseSchemaRules.Problem(schema) is { } schemaProblem)
        {
            return (null, new ResponsesProblem("text.format.schema", schemaProblem + "."));
        }

        chat["messages"] = messages;
        return (chat, null);
    }

    private static ResponsesProblem? Stream(JsonNode? value, JsonObject chat)
    {
        if (Json.IsNull(value))
        {
            return null;
        }

        if (value!.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return new ResponsesProblem("stream", "must be a boolean.");
        }

        chat["stream"] = value.GetValue<bool>();
        if (chat["stream"]!.GetValue<bool>())
        {
            // Responses streams always end with the usage; the chat form asks for it.
            chat["stream_options"] = new JsonObject { ["include_usage"] = true };
        }

        return null;
    }

    private static ResponsesProblem? MaxOutputTokens(JsonNode? value, JsonObject chat)
    {
        if (value is not JsonValue v || !v.TryGetValue<long>(out var tokens) || tokens < 1)
        {
            return new ResponsesProblem("max_output_tokens", "must be a positive integer.");
        }

        chat["max_completion_tokens"] = tokens;
        return null;
    }

    /// <summary><c>reasoning.effort</c> is chat's <c>reasoning_effort</c>; a summary cannot be carried back.</summary>
    private static ResponsesProblem? Reasoning(JsonNode? value, JsonObject chat)
    {
        if (value is not JsonObject reasoning)
        {
            return new ResponsesProblem("reasoning", "must be an object.");
        }

        foreach (var (key, v) in reasoning)
        {
            if (Json.IsNull(v))
            {
                continue;
            }

            if (key == "effort")
            {
                if (Json.String(v) is not { } effort)
                {
                    return new ResponsesProblem("reasoning.effort", "must be a string.");
                }

                chat["reasoning_effort"] = effort;
            }
            else
            {
                return new ResponsesProblem("reasoning." + key, "the gateway's answer cannot carry reasoning summaries; only reasoning.effort is passed on.", "unsupported_field");
            }
        }

        return null;
    }

    /// <summary>A number from 0 to <paramref name="max"/>; anything else would reach the upstream (or be echoed in the
    /// answer) with the wrong type.</summary>
    private static ResponsesProblem? Number(string key, JsonNode? value, double max) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var number) && number >= 0 && number <= max
            ? null
            : new ResponsesProblem(key, $"must be a number from 0 to {max}.");

    private static ResponsesProblem? Metadata(JsonNode? value)
    {
        if (value is not JsonObject metadata)
        {
            return new ResponsesProblem("metadata", "must be an object.");
        }

        if (metadata.Count > MetadataPairs)
        {
            return new ResponsesProblem("metadata", $"holds at most {MetadataPairs} key-value pairs.");
        }

        foreach (var (key, v) in metadata)
        {
            if (key.Length > MetadataKeyLength)
            {
                return new ResponsesProblem("metadata", $"keys are at most {MetadataKeyLength} characters.");
            }

            if (Json.String(v) is not { } text || text.Length > MetadataValueLength)
            {
                return new ResponsesProblem("metadata." + ResponsesInputTranslator.Short(key), $"must be a string of at most {MetadataValueLength} characters.");
            }
        }

        return null;
    }

    private static ResponsesProblem? Copy(string key, JsonNode? value, JsonObject chat)
    {
        if (!Json.IsNull(value))
        {
            chat[key] = value!.DeepClone();
        }

        return null;
    }
}

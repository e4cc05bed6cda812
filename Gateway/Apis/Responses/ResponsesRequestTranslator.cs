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
                "metadata" when !Json.IsNull(value) && value is not JsonObject => new ResponsesProblem(key, "must be an object."),
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

        if (messages.Count == 0 && Json.IsNull(body["previous_response_id"]) && Json.IsNull(body["conversation"]) && Json.IsNull(body["prompt"]))
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

            if (key == "effort" && Json.String(v) is { } effort)
            {
                chat["reasoning_effort"] = effort;
            }
            else
            {
                return new ResponsesProblem("reasoning." + key, "the gateway's answer cannot carry reasoning summaries; only reasoning.effort is passed on.", "unsupported_field");
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

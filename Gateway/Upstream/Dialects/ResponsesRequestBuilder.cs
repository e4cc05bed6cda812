using System.Text;
using System.Text.Json.Nodes;
using Gateway.Apis.Responses;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>A chat-form request (memory already injected) as a Responses request: leading system messages as
/// <c>instructions</c> (the memory block among them, so a stored conversation never accumulates it), the rest as
/// input items, tools flattened, <c>response_format</c> as <c>text.format</c>. When the app itself called
/// Responses, the fields chat cannot carry come from its own body. A chat field Responses has no counterpart for
/// is the problem, naming it.</summary>
internal static class ResponsesRequestBuilder
{
    private static readonly HashSet<string> SameInResponses = new(StringComparer.Ordinal)
    {
        "model", "temperature", "top_p", "metadata", "parallel_tool_calls", "user", "safety_identifier", "service_tier",
        "prompt_cache_key", "prompt_cache_retention", "store", "stream",
    };

    public static (JsonObject? Body, string? Field, string? Problem) Build(ChatRequest request)
    {
        var chat = request.Body;
        var body = new JsonObject();
        foreach (var (key, value) in chat)
        {
            if (Json.IsNull(value))
            {
                continue;
            }

            string? problem = null;
            var field = key;
            switch (key)
            {
                case "messages":
                    (field, problem) = Messages((JsonArray)value!, body);
                    break;
                case "stream_options":
                    // Responses streams always end with the usage.
                    break;
                case "tools":
                    (field, problem) = Tools(value!, body);
                    break;
                case "tool_choice":
                    problem = ToolChoice(value!, body);
                    break;
                case "response_format":
                    problem = Format(value!, body);
                    break;
                case "verbosity":
                    Text(body)["verbosity"] = value!.DeepClone();
                    break;
                case "max_completion_tokens" or "max_tokens":
                    body["max_output_tokens"] = value!.DeepClone();
                    break;
                case "reasoning_effort":
                    body["reasoning"] = new JsonObject { ["effort"] = value!.DeepClone() };
                    break;
                case "n" when Json.Long(value) == 1:
                    break;
                case var same when SameInResponses.Contains(same):
                    body[key] = value!.DeepClone();
                    break;
                default:
                    problem = "the Responses API has no counterpart for this chat completions field.";
                    break;
            }

            if (problem is not null)
            {
                return (null, field, problem);
            }
        }

        if (request.Context.Api == ClientApi.Responses && request.Context.NativeBody is { } native)
        {
            // Served natively: what the app asked for that chat form does not carry goes as the app sent it.
            foreach (var field in ResponsesNativeFields.All.Select(f => f.Field).Append("reasoning"))
            {
                if (native.TryGetPropertyValue(field, out var value) && !Json.IsNull(value))
                {
                    body[field] = value!.DeepClone();
                }
            }
        }

        // A Responses upstream stores a response unless told not to, and the stored response would hold the prompt,
        // memory block included, beyond the user's erasure. An app that did not call Responses never asked for that
        // (nor can it continue a stored response): it is sent store: false unless it asked otherwise.
        if (request.Context.Api != ClientApi.Responses && !body.ContainsKey("store"))
        {
            body["store"] = false;
        }

        return (body, null, null);
    }

    private static (string Field, string? Problem) Messages(JsonArray messages, JsonObject body)
    {
        var instructions = new StringBuilder();
        var input = new JsonArray();
        var leading = true;
        for (var i = 0; i < messages.Count; i++)
        {
            var path = $"messages[{i}]";
            var message = messages[i] as JsonObject ?? [];
            var role = Json.String(message["role"]);
            if (leading && role is "system" or "developer")
            {
                if (instructions.Length > 0)
                {
                    instructions.Append("\n\n");
                }

                instructions.Append(MessageText.Of(message));
                continue;
            }

            leading = false;
            var problem = role switch
            {
                "system" or "developer" or "user" => InputMessage(role, message, path, input),
                "assistant" => AssistantMessage(message, input),
                "tool" => ToolResult(message, input),
                _ => (path + ".role", $"'{role}' messages have no Responses counterpart."),
            };
            if (problem is { } p)
            {
                return p;
            }
        }

        if (instructions.Length > 0)
        {
            body["instructions"] = instructions.ToString();
        }

        body["input"] = input;
        return ("messages", null);
    }

    private static (string, string?)? InputMessage(string role, JsonObject message, string path, JsonArray input)
    {
        if (Json.String(message["content"]) is { } text)
        {
            input.Add(new JsonObject { ["type"] = "message", ["role"] = role, ["content"] = text });
            return null;
        }

        var parts = new JsonArray();
        var list = message["content"] as JsonArray ?? [];
        for (var j = 0; j < list.Count; j++)
        {
            var part = list[j] as JsonObject ?? [];
            switch (Json.String(part["type"]))
            {
                case "text":
                    parts.Add(new JsonObject { ["type"] = "input_text", ["text"] = Json.String(part["text"]) ?? string.Empty });
                    break;
                case "image_url":
                    var image = new JsonObject { ["type"] = "input_image", ["image_url"] = Json.String(part["image_url"].Field("url")) };
                    image["detail"] = Json.String(part["image_url"].Field("detail")) ?? "auto";
                    parts.Add(image);
                    break;
                case "file" when part["file"] is JsonObject file:
                    var inputFile = new JsonObject { ["type"] = "input_file" };
                    foreach (var (key, value) in file)
                    {
                        inputFile[key] = value?.DeepClone();
                    }

                    parts.Add(inputFile);
                    break;
                default:
                    return ($"{path}.content[{j}].type", "this content part has no Responses counterpart.");
            }
        }

        input.Add(new JsonObject { ["type"] = "message", ["role"] = role, ["content"] = parts });
        return null;
    }

    private static (string, string?)? AssistantMessage(JsonObject message, JsonArray input)
    {
        var text = MessageText.Of(message);
        var refusal = Json.String(message["refusal"]);
        if (text.Length > 0 || refusal is not null)
        {
            var content = new JsonArray();
            if (text.Length > 0)
            {
                content.Add(new JsonObject { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() });
            }

            if (refusal is not null)
            {
                content.Add(new JsonObject { ["type"] = "refusal", ["refusal"] = refusal });
            }

            input.Add(new JsonObject { ["type"] = "message", ["role"] = "assistant", ["content"] = content });
        }

        foreach (var call in (message["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
        {
            input.Add(new JsonObject
            {
                ["type"] = "function_call",
                ["call_id"] = Json.String(call["id"]),
                ["name"] = Json.String(call["function"].Field("name")),
                ["arguments"] = Json.String(call["function"].Field("arguments")) ?? string.Empty,
            });
        }

        return null;
    }

    private static (string, string?)? ToolResult(JsonObject message, JsonArray input)
    {
        input.Add(new JsonObject
        {
            ["type"] = "function_call_output",
            ["call_id"] = Json.String(message["tool_call_id"]),
            ["output"] = MessageText.Of(message),
        });
        return null;
    }

    private static (string Field, string? Problem) Tools(JsonNode value, JsonObject body)
    {
        var tools = new JsonArray();
        var list = value as JsonArray ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject tool || Json.String(tool["type"]) != "function" || tool["function"] is not JsonObject function)
            {
                return ($"tools[{i}].type", "only function tools can be sent to a Responses upstream.");
            }

            var flat = new JsonObject { ["type"] = "function" };
            foreach (var (key, v) in function)
            {
                flat[key] = v?.DeepClone();
            }

            tools.Add(flat);
        }

        body["tools"] = tools;
        return ("tools", null);
    }

    private static string? ToolChoice(JsonNode value, JsonObject body)
    {
        if (Json.String(value) is { } mode)
        {
            body["tool_choice"] = mode;
            return null;
        }

        if (Json.String(value["type"]) == "function" && Json.String(value["function"].Field("name")) is { } name)
        {
            body["tool_choice"] = new JsonObject { ["type"] = "function", ["name"] = name };
            return null;
        }

        return "only auto, none, required or one named function can be sent to a Responses upstream.";
    }

    private static string? Format(JsonNode value, JsonObject body)
    {
        var type = Json.String(value["type"]);
        if (type is "text" or "json_object")
        {
            Text(body)["format"] = new JsonObject { ["type"] = type };
            return null;
        }

        if (type == "json_schema" && value["json_schema"] is JsonObject schema)
        {
            var format = new JsonObject { ["type"] = "json_schema" };
            foreach (var (key, v) in schema)
            {
                format[key] = v?.DeepClone();
            }

            Text(body)["format"] = format;
            return null;
        }

        return "this response format has no Responses counterpart.";
    }

    private static JsonObject Text(JsonObject body)
    {
        if (body["text"] is not JsonObject text)
        {
            body["text"] = text = new JsonObject();
        }

        return text;
    }
}

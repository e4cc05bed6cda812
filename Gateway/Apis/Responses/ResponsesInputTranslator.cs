using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Apis.Responses;

/// <summary>Responses <c>input</c> (a string, or items: messages with input_text / output_text / input_image /
/// input_file parts, <c>function_call</c>, <c>function_call_output</c>) as chat completions messages. An item or
/// part chat cannot carry is a problem naming its path, never dropped.</summary>
internal static class ResponsesInputTranslator
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "user", "assistant", "system", "developer" };

    /// <summary>Appends the input's messages to <paramref name="messages"/>; returns the first problem, if any.</summary>
    public static ResponsesProblem? Translate(JsonNode? input, JsonArray messages)
    {
        if (Json.String(input) is { } text)
        {
            messages.Add(new JsonObject { ["role"] = "user", ["content"] = text });
            return null;
        }

        if (input is not JsonArray items)
        {
            return new ResponsesProblem("input", "must be a string or an array of input items.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var path = $"input[{i}]";
            if (items[i] is not JsonObject item)
            {
                return new ResponsesProblem(path, "each input item must be an object.");
            }

            var problem = Json.String(item["type"]) switch
            {
                null when item["type"] is not null => new ResponsesProblem(path + ".type", "must be a string."),
                null or "message" => Message(item, path, messages),
                "function_call" => FunctionCall(item, path, messages),
                "function_call_output" => FunctionCallOutput(item, path, messages),
                var other => new ResponsesProblem(path + ".type",
                    $"input items of type '{Short(other)}' cannot pass through the gateway (it carries messages, function_call and function_call_output).",
                    "unsupported_field"),
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static ResponsesProblem? Message(JsonObject item, string path, JsonArray messages)
    {
        var role = Json.String(item["role"]);
        if (role is null || !Roles.Contains(role))
        {
            return new ResponsesProblem(path + ".role", "must be one of user, assistant, system, developer.");
        }

        var content = item["content"];
        if (Json.String(content) is { } text)
        {
            messages.Add(new JsonObject { ["role"] = role, ["content"] = text });
            return null;
        }

        if (content is not JsonArray parts)
        {
            return new ResponsesProblem(path + ".content", "must be a string or an array of content parts.");
        }

        return role == "assistant" ? AssistantMessage(parts, path, messages) : InputMessage(role, parts, path, messages);
    }

    private static ResponsesProblem? InputMessage(string role, JsonArray parts, string path, JsonArray messages)
    {
        var chatParts = new JsonArray();
        for (var j = 0; j < parts.Count; j++)
        {
            var partPath = $"{path}.content[{j}]";
            if (parts[j] is not JsonObject part)
            {
                return new ResponsesProblem(partPath, "each content part must be an object.");
            }

            var (chatPart, problem) = InputPart(part, partPath, textOnly: role != "user");
            if (problem is not null)
            {
                return problem;
            }

            chatParts.Add(chatPart);
        }

        messages.Add(new JsonObject { ["role"] = role, ["content"] = chatParts });
        return null;
    }

    /// <summary>One input content part as a chat content part.</summary>
    internal static (JsonObject? Part, ResponsesProblem? Problem) InputPart(JsonObject part, string path, bool textOnly)
    {
        var type = Json.String(part["type"]);
        switch (type)
        {
            case "input_text" or "output_text" or "text":
                return Json.String(part["text"]) is { } text
                    ? (new JsonObject { ["type"] = "text", ["text"] = text }, null)
                    : (null, new ResponsesProblem(path + ".text", "must be a string."));
            case "input_image" when !textOnly:
                if (Json.String(part["image_url"]) is not { } url)
                {
                    return (null, new ResponsesProblem(path + (part["file_id"] is null ? ".image_url" : ".file_id"),
                        "images are passed by image_url (a URL or a data: URL); file ids cannot be translated.", "unsupported_field"));
                }

                var image = new JsonObject { ["url"] = url };
                if (Json.String(part["detail"]) is { } detail)
                {
                    image["detail"] = detail;
                }

                return (new JsonObject { ["type"] = "image_url", ["image_url"] = image }, null);
            case "input_file" when !textOnly:
                if (part["file_url"] is not null)
                {
                    return (null, new ResponsesProblem(path + ".file_url", "file URLs cannot be translated; send file_data or file_id.", "unsupported_field"));
                }

                var file = new JsonObject();
                foreach (var key in (string[])["file_data", "file_id", "filename"])
                {
                    if (Json.String(part[key]) is { } value)
                    {
                        file[key] = value;
                    }
                }

                return (new JsonObject { ["type"] = "file", ["file"] = file }, null);
            default:
                return (null, new ResponsesProblem(path + ".type",
                    type is null ? "must be a string." : $"content parts of type '{Short(type)}' are not supported here.", "unsupported_field"));
        }
    }

    private static ResponsesProblem? AssistantMessage(JsonArray parts, string path, JsonArray messages)
    {
        var text = new System.Text.StringBuilder();
        string? refusal = null;
        for (var j = 0; j < parts.Count; j++)
        {
            var partPath = $"{path}.content[{j}]";
            var type = Json.String(parts[j].Field("type"));
            if (type is "output_text" or "input_text" or "text" && Json.String(parts[j]!["text"]) is { } t)
            {
                text.Append(t);
            }
            else if (type == "refusal" && Json.String(parts[j]!["refusal"]) is { } r)
            {
                refusal = (refusal ?? string.Empty) + r;
            }
            else
            {
                return new ResponsesProblem(partPath, "assistant content parts must be output_text or refusal with their text.");
            }
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = text.ToString() };
        if (refusal is not null)
        {
            message["refusal"] = refusal;
        }

        messages.Add(message);
        return null;
    }

    private static ResponsesProblem? FunctionCall(JsonObject item, string path, JsonArray messages)
    {
        var callId = Json.String(item["call_id"]);
        var name = Json.String(item["name"]);
        var arguments = Json.String(item["arguments"]);
        if (callId is null || name is null || arguments is null)
        {
            return new ResponsesProblem(path, "a function_call needs call_id, name and arguments (strings).");
        }

        var call = new JsonObject
        {
            ["id"] = callId,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        };

        // Calls that follow an assistant message (or each other) belong to that one assistant turn.
        if (messages.Count > 0 && messages[^1] is JsonObject last && Json.String(last["role"]) == "assistant")
        {
            if (last["tool_calls"] is not JsonArray calls)
            {
                last["tool_calls"] = calls = [];
            }

            calls.Add(call);
            return null;
        }

        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(call) });
        return null;
    }

    private static ResponsesProblem? FunctionCallOutput(JsonObject item, string path, JsonArray messages)
    {
        if (Json.String(item["call_id"]) is not { } callId)
        {
            return new ResponsesProblem(path + ".call_id", "must be a string.");
        }

        JsonNode content;
        if (Json.String(item["output"]) is { } text)
        {
            content = text;
        }
        else if (item["output"] is JsonArray parts)
        {
            var chatParts = new JsonArray();
            for (var j = 0; j < parts.Count; j++)
            {
                var partPath = $"{path}.output[{j}]";
                if (parts[j] is not JsonObject part)
                {
                    return new ResponsesProblem(partPath, "each output part must be an object.");
                }

                var (chatPart, problem) = InputPart(part, partPath, textOnly: true);
                if (problem is not null)
                {
                    return problem;
                }

                chatParts.Add(chatPart);
            }

            content = chatParts;
        }
        else
        {
            return new ResponsesProblem(path + ".output", "must be a string or an array of content parts.");
        }

        messages.Add(new JsonObject { ["role"] = "tool", ["tool_call_id"] = callId, ["content"] = content });
        return null;
    }

    internal static string Short(string s) => s.Length <= 40 ? s : s[..40];
}

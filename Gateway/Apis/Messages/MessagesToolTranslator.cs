using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>Messages <c>tools</c> (name, description, input_schema) as chat function tools, and
/// <c>tool_choice</c>: <c>auto</c> → <c>auto</c>, <c>any</c> → <c>required</c>, <c>tool</c> → the named function,
/// <c>none</c> → <c>none</c>; <c>disable_parallel_tool_use</c> → <c>parallel_tool_calls: false</c>. Server tools
/// (web search, code execution...) run at Anthropic and cannot be translated.</summary>
internal static class MessagesToolTranslator
{
    public static MessagesTranslation? Translate(JsonObject body, JsonObject result)
    {
        var tools = body["tools"];
        if (!JsonRead.IsNull(tools))
        {
            if (tools is not JsonArray list)
            {
                return MessagesTranslation.Fail("tools", "must be an array");
            }

            var chatTools = new JsonArray();
            for (var i = 0; i < list.Count; i++)
            {
                var at = $"tools[{i}]";
                if (list[i] is not JsonObject tool)
                {
                    return MessagesTranslation.Fail(at, "each tool must be an object");
                }

                if (JsonRead.String(tool["type"]) is { } type && type != "custom")
                {
                    return MessagesTranslation.Fail(at + ".type", $"the server tool '{(type.Length <= 40 ? type : type[..40])}' runs only at Anthropic");
                }

                if (JsonRead.String(tool["name"]) is not { Length: > 0 } name)
                {
                    return MessagesTranslation.Fail(at + ".name", "must be a non-empty string");
                }

                if (tool["input_schema"] is not JsonObject schema)
                {
                    return MessagesTranslation.Fail(at + ".input_schema", "must be a JSON schema object");
                }

                var function = new JsonObject { ["name"] = name };
                if (JsonRead.String(tool["description"]) is { } description)
                {
                    function["description"] = description;
                }

                function["parameters"] = schema.DeepClone();
                chatTools.Add(new JsonObject { ["type"] = "function", ["function"] = function });
            }

            if (chatTools.Count > 0)
            {
                result["tools"] = chatTools;
            }
        }

        return Choice(body, result);
    }

    private static MessagesTranslation? Choice(JsonObject body, JsonObject result)
    {
        var choice = body["tool_choice"];
        if (JsonRead.IsNull(choice))
        {
            return null;
        }

        if (choice is not JsonObject c)
        {
            return MessagesTranslation.Fail("tool_choice", "must be an object with a 'type'");
        }

        switch (JsonRead.String(c["type"]))
        {
            case "auto":
                result["tool_choice"] = "auto";
                break;
            case "any":
                result["tool_choice"] = "required";
                break;
            case "none":
                result["tool_choice"] = "none";
                break;
            case "tool":
                if (JsonRead.String(c["name"]) is not { Length: > 0 } name)
                {
                    return MessagesTranslation.Fail("tool_choice.name", "must name the tool");
                }

                result["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } };
                break;
            default:
                return MessagesTranslation.Fail("tool_choice.type", "must be auto, any, tool or none");
        }

        if (JsonRead.Bool(c["disable_parallel_tool_use"]) == true && result.ContainsKey("tools"))
        {
            result["parallel_tool_calls"] = false;
        }

        return null;
    }
}

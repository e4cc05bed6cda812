using System.Text.Json.Nodes;

namespace Gateway.Apis.Responses;

/// <summary>Responses <c>tools</c>, <c>tool_choice</c> and <c>text</c> in chat completions form: flat function tools
/// become chat's nested <c>{type, function: {...}}</c>, a JSON schema format becomes <c>response_format</c> (so the
/// schema guardrail and re-ask work as for chat). Built-in tools (web_search, file_search...) are refused.</summary>
internal static class ResponsesToolTranslator
{
    private static readonly string[] FunctionFields = ["name", "description", "parameters", "strict"];

    public static ResponsesProblem? Tools(JsonNode? tools, JsonObject chat)
    {
        if (tools is not JsonArray list)
        {
            return new ResponsesProblem("tools", "must be an array.");
        }

        var chatTools = new JsonArray();
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"tools[{i}]";
            if (list[i] is not JsonObject tool)
            {
                return new ResponsesProblem(path, "each tool must be an object.");
            }

            var type = Json.String(tool["type"]);
            if (type != "function")
            {
                return new ResponsesProblem(path + ".type", type is null
                    ? "must be a string."
                    : $"'{ResponsesInputTranslator.Short(type)}' tools cannot pass through the gateway; only function tools can.", "unsupported_field");
            }

            if (Json.String(tool["name"]) is null)
            {
                return new ResponsesProblem(path + ".name", "must be a string.");
            }

            var function = new JsonObject();
            foreach (var (key, value) in tool)
            {
                if (key == "type")
                {
                    continue;
                }

                if (!FunctionFields.Contains(key))
                {
                    return new ResponsesProblem($"{path}.{key}", "is not a field of a function tool.", "unsupported_field");
                }

                if (!Json.IsNull(value))
                {
                    function[key] = value!.DeepClone();
                }
            }

            chatTools.Add(new JsonObject { ["type"] = "function", ["function"] = function });
        }

        chat["tools"] = chatTools;
        return null;
    }

    public static ResponsesProblem? ToolChoice(JsonNode? choice, JsonObject chat)
    {
        if (Json.String(choice) is { } mode)
        {
            if (mode is not ("auto" or "none" or "required"))
            {
                return new ResponsesProblem("tool_choice", "must be auto, none, required or a function.");
            }

            chat["tool_choice"] = mode;
            return null;
        }

        if (choice is JsonObject o && Json.String(o["type"]) == "function" && Json.String(o["name"]) is { } name)
        {
            chat["tool_choice"] = new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name } };
            return null;
        }

        return new ResponsesProblem("tool_choice", "only auto, none, required or {\"type\":\"function\",\"name\":...} can pass through the gateway.", "unsupported_field");
    }

    /// <summary><c>text: {format, verbosity}</c> as <c>response_format</c> and <c>verbosity</c>.</summary>
    public static ResponsesProblem? Text(JsonNode? text, JsonObject chat)
    {
        if (text is not JsonObject options)
        {
            return new ResponsesProblem("text", "must be an object.");
        }

        foreach (var (key, value) in options)
        {
            switch (key)
            {
                case "format" when Json.IsNull(value):
                    break;
                case "format":
                    var (format, problem) = Format(value);
                    if (problem is not null)
                    {
                        return problem;
                    }

                    chat["response_format"] = format;
                    break;
                case "verbosity" when Json.IsNull(value):
                    break;
                case "verbosity" when Json.String(value) is null:
                    return new ResponsesProblem("text.verbosity", "must be a string.");
                case "verbosity":
                    chat["verbosity"] = value!.DeepClone();
                    break;
                default:
                    return new ResponsesProblem("text." + key, "is not a known field of text.", "unsupported_field");
            }
        }

        return null;
    }

    private static (JsonObject? Format, ResponsesProblem? Problem) Format(JsonNode? node)
    {
        if (node is not JsonObject format)
        {
            return (null, new ResponsesProblem("text.format", "must be an object."));
        }

        var type = Json.String(format["type"]);
        switch (type)
        {
            case "text" or "json_object":
                return (new JsonObject { ["type"] = type }, null);
            case "json_schema":
                if (Json.String(format["name"]) is null || format["schema"] is not JsonObject)
                {
                    return (null, new ResponsesProblem("text.format", "a json_schema format needs a name and a schema object."));
                }

                var schema = new JsonObject();
                foreach (var (key, value) in format)
                {
                    if (key == "type")
                    {
                        continue;
                    }

                    if (key is not ("name" or "schema" or "description" or "strict"))
                    {
                        return (null, new ResponsesProblem("text.format." + key, "is not a field of a json_schema format.", "unsupported_field"));
                    }

                    if (!Json.IsNull(value))
                    {
                        schema[key] = value!.DeepClone();
                    }
                }

                return (new JsonObject { ["type"] = "json_schema", ["json_schema"] = schema }, null);
            default:
                return (null, new ResponsesProblem("text.format.type", "must be text, json_object or json_schema."));
        }
    }
}

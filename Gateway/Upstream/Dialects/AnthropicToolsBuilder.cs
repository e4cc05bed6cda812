using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>Chat function tools as Messages tools (<c>parameters</c> as <c>input_schema</c>) and the tool choice:
/// <c>auto</c>, <c>none</c>, <c>required</c> → <c>any</c>, a named function → <c>tool</c>;
/// <c>parallel_tool_calls: false</c> → <c>disable_parallel_tool_use</c>.</summary>
internal static class AnthropicToolsBuilder
{
    public static UpstreamCall? Build(JsonObject chat, JsonObject body)
    {
        if (chat["tools"] is JsonArray chatTools && chatTools.Count > 0)
        {
            var tools = new JsonArray();
            for (var i = 0; i < chatTools.Count; i++)
            {
                if (chatTools[i] is not JsonObject tool || JsonRead.String(tool["type"]) != "function" || tool["function"] is not JsonObject function)
                {
                    return UpstreamCall.Untranslatable($"tools[{i}].type", "only function tools can be sent to a Messages upstream");
                }

                var converted = new JsonObject { ["name"] = JsonRead.String(function["name"]) ?? string.Empty };
                if (JsonRead.String(function["description"]) is { } description)
                {
                    converted["description"] = description;
                }

                converted["input_schema"] = function["parameters"] is JsonObject parameters
                    ? parameters.DeepClone()
                    : new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() };
                tools.Add(converted);
            }

            body["tools"] = tools;
        }

        JsonObject? choice = null;
        var chatChoice = chat["tool_choice"];
        switch (JsonRead.String(chatChoice))
        {
            case "auto":
                choice = new JsonObject { ["type"] = "auto" };
                break;
            case "none":
                choice = new JsonObject { ["type"] = "none" };
                break;
            case "required":
                choice = new JsonObject { ["type"] = "any" };
                break;
            case null when chatChoice is JsonObject named && JsonRead.String(named["function"].Field("name")) is { } name:
                choice = new JsonObject { ["type"] = "tool", ["name"] = name };
                break;
            case null when JsonRead.IsNull(chatChoice):
                break;
            default:
                return UpstreamCall.Untranslatable("tool_choice", "must be auto, none, required or a named function");
        }

        if (JsonRead.Bool(chat["parallel_tool_calls"]) == false && body.ContainsKey("tools"))
        {
            choice ??= new JsonObject { ["type"] = "auto" };
            choice["disable_parallel_tool_use"] = true;
        }

        if (choice is not null)
        {
            body["tool_choice"] = choice;
        }

        return null;
    }
}

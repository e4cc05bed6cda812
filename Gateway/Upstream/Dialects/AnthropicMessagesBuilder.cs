using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>Chat completions messages as Anthropic's <c>system</c> and <c>messages</c>: system and developer
/// messages (the injected memory among them) joined into <c>system</c>; text and image parts as blocks; an
/// assistant's tool calls as <c>tool_use</c> blocks; tool messages as <c>tool_result</c> blocks of a user turn;
/// consecutive messages of one role merged into one turn, as Messages requires.</summary>
internal static class AnthropicMessagesBuilder
{
    /// <summary>Fills <paramref name="target"/>'s <c>system</c> and <c>messages</c>; returns the untranslatable field or null.</summary>
    public static UpstreamCall? Build(JsonArray chat, JsonObject target, ChatRequest request)
    {
        var system = new List<string>();
        var messages = new JsonArray();
        var thinking = NativeThinking(chat, request);
        var assistantTurn = 0;
        for (var i = 0; i < chat.Count; i++)
        {
            var path = $"messages[{i}]";
            if (chat[i] is not JsonObject message)
            {
                continue;
            }

            var role = JsonRead.String(message["role"]);
            JsonArray blocks;
            UpstreamCall? failure;
            switch (role)
            {
                case "system" or "developer":
                    system.Add(MessageText.Of(message));
                    continue;
                case "user":
                    (blocks, failure) = UserBlocks(message["content"], path);
                    break;
                case "assistant":
                    (blocks, failure) = AssistantBlocks(message, path);
                    foreach (var block in Enumerable.Reverse(thinking?[assistantTurn] ?? []))
                    {
                        blocks.Insert(0, block.DeepClone());
                    }

                    assistantTurn++;
                    break;
                case "tool":
                    (blocks, failure) = (ToolResult(message, request), null);
                    role = "user";
                    break;
                default:
                    return UpstreamCall.Untranslatable(path + ".role", $"the role '{role}' has no Messages equivalent");
            }

            if (failure is not null)
            {
                return failure;
            }

            if (blocks.Count == 0)
            {
                continue;
            }

            if (messages.Count > 0 && messages[^1] is JsonObject last && JsonRead.String(last["role"]) == role)
            {
                var merged = (JsonArray)last["content"]!;
                foreach (var block in blocks.ToList())
                {
                    blocks.Remove(block);
                    merged.Add(block);
                }
            }
            else
            {
                messages.Add(new JsonObject { ["role"] = role, ["content"] = blocks });
            }
        }

        var systemText = string.Join("\n\n", system.Where(s => s.Length > 0));
        if (systemText.Length > 0)
        {
            target["system"] = systemText;
        }

        target["messages"] = messages;
        return null;
    }

    /// <summary>A Messages app's signed thinking blocks per assistant turn, which Anthropic needs back (with tool use)
    /// and chat form cannot carry; null when the app did not call Messages or the turns do not line up.</summary>
    private static List<List<JsonNode>>? NativeThinking(JsonArray chat, ChatRequest request)
    {
        if (request.Context.Api != ClientApi.Messages || request.Context.NativeBody.Field("messages") is not JsonArray native)
        {
            return null;
        }

        var turns = native.OfType<JsonObject>().Where(m => JsonRead.String(m["role"]) == "assistant")
            .Select(m => (m["content"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(b => JsonRead.String(b["type"]) is "thinking" or "redacted_thinking").Cast<JsonNode>().ToList())
            .ToList();
        var chatTurns = chat.Count(m => MessageText.RoleOf(m) == "assistant");
        return turns.Count == chatTurns && turns.Any(t => t.Count > 0) ? turns : null;
    }

    private static (JsonArray, UpstreamCall?) UserBlocks(JsonNode? content, string path)
    {
        if (JsonRead.String(content) is { } text)
        {
            return (text.Length == 0 ? [] : [Text(text)], null);
        }

        var blocks = new JsonArray();
        var parts = content as JsonArray ?? [];
        for (var j = 0; j < parts.Count; j++)
        {
            var part = parts[j] as JsonObject;
            switch (JsonRead.String(part.Field("type")))
            {
                case "text":
                    if (JsonRead.String(part!["text"]) is { Length: > 0 } t)
                    {
                        blocks.Add(Text(t));
                    }

                    break;
                case "image_url":
                    var url = JsonRead.String(part!["image_url"].Field("url")) ?? JsonRead.String(part["image_url"]);
                    if (string.IsNullOrEmpty(url))
                    {
                        return ([], UpstreamCall.Untranslatable($"{path}.content[{j}].image_url", "must hold a url"));
                    }

                    blocks.Add(Image(url));
                    break;
                default:
                    return ([], UpstreamCall.Untranslatable($"{path}.content[{j}].type", "only text and image parts can be sent to a Messages upstream"));
            }
        }

        return (blocks, null);
    }

    private static (JsonArray, UpstreamCall?) AssistantBlocks(JsonObject message, string path)
    {
        if (message["function_call"] is JsonObject)
        {
            return ([], UpstreamCall.Untranslatable(path + ".function_call", "legacy function calls cannot be translated; use tool_calls"));
        }

        var blocks = new JsonArray();
        if (MessageText.Of(message) is { Length: > 0 } text)
        {
            blocks.Add(Text(text));
        }

        var calls = message["tool_calls"] as JsonArray ?? [];
        for (var j = 0; j < calls.Count; j++)
        {
            var call = calls[j] as JsonObject;
            var function = call.Field("function") as JsonObject;
            var arguments = JsonRead.String(function.Field("arguments"));
            JsonNode? input;
            try
            {
                input = string.IsNullOrWhiteSpace(arguments) ? new JsonObject() : JsonNode.Parse(arguments);
            }
            catch (JsonException)
            {
                input = null;
            }

            if (input is not JsonObject)
            {
                return ([], UpstreamCall.Untranslatable($"{path}.tool_calls[{j}].function.arguments", "must be a JSON object for a Messages upstream"));
            }

            blocks.Add(new JsonObject
            {
                ["type"] = "tool_use",
                ["id"] = JsonRead.String(call.Field("id")) ?? $"toolu_{j}",
                ["name"] = JsonRead.String(function.Field("name")) ?? string.Empty,
                ["input"] = input,
            });
        }

        return (blocks, null);
    }

    private static JsonArray ToolResult(JsonObject message, ChatRequest request)
    {
        var text = MessageText.Of(message);
        var block = new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = JsonRead.String(message["tool_call_id"]) ?? string.Empty };
        if (request.Context.Api == ClientApi.Messages && text.StartsWith(MessagesContentTranslator.ToolErrorPrefix, StringComparison.Ordinal))
        {
            // A Messages app's failed tool call, marked in the text on the way through chat form.
            text = text[MessagesContentTranslator.ToolErrorPrefix.Length..];
            block["is_error"] = true;
        }

        block["content"] = text;
        return [block];
    }

    private static JsonObject Text(string text) => new() { ["type"] = "text", ["text"] = text };

    private static JsonObject Image(string url)
    {
        // data:<media type>;base64,<data>
        if (url.StartsWith("data:", StringComparison.Ordinal) && url.IndexOf(";base64,", StringComparison.Ordinal) is > 5 and var marker)
        {
            return new JsonObject
            {
                ["type"] = "image",
                ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = url[5..marker], ["data"] = url[(marker + 8)..] },
            };
        }

        return new JsonObject { ["type"] = "image", ["source"] = new JsonObject { ["type"] = "url", ["url"] = url } };
    }
}

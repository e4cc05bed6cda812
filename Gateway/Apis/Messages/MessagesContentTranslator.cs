using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Apis.Messages;

/// <summary>Anthropic <c>messages</c> into chat completions messages: text blocks as text, images as
/// <c>image_url</c> parts (base64 as a data URL, or the URL), an assistant's <c>tool_use</c> blocks as its
/// <c>tool_calls</c>, a user's <c>tool_result</c> blocks as <c>tool</c> messages placed before the rest of its
/// content (<c>is_error</c> as a marked text). Thinking blocks of earlier turns are left out (Anthropic drops them from the context too); any other
/// block type is refused naming it.</summary>
internal static class MessagesContentTranslator
{
    /// <summary>Starts the text of a tool result the app marked <c>is_error</c>.</summary>
    public const string ToolErrorPrefix = "[tool error] ";

    /// <summary>Anthropic's words for a turn with no content.</summary>
    internal const string EmptyTurn = "all messages must have non-empty content except for the optional final assistant message";

    /// <summary>Appends the translation of <paramref name="messages"/> to <paramref name="chat"/>; returns the
    /// failure (field and problem) or null.</summary>
    public static MessagesTranslation? Translate(JsonArray messages, JsonArray chat)
    {
        for (var i = 0; i < messages.Count; i++)
        {
            var path = $"messages[{i}]";
            if (messages[i] is not JsonObject message)
            {
                return MessagesTranslation.Fail(path, "each message must be an object");
            }

            var role = JsonRead.String(message["role"]);
            if (role is not ("user" or "assistant" or "system"))
            {
                return MessagesTranslation.Fail(path + ".role", "must be 'user', 'assistant' or 'system'");
            }

            var content = message["content"];
            if (role == "system")
            {
                // A system message among the turns (newer SDKs can send one) stays where it is, as text.
                if (SystemText(content) is not { } system)
                {
                    return MessagesTranslation.Fail(path + ".content", "a system message must be a string or text blocks");
                }

                chat.Add(new JsonObject { ["role"] = "system", ["content"] = system });
                continue;
            }

            // As Anthropic answers: an empty turn (a user's [] used to vanish from the call, leaving the model a request
            // with nothing in it, or only the memory frame) is refused; only a final assistant turn may be empty.
            if (content is JsonArray { Count: 0 } || JsonRead.String(content) is { Length: 0 })
            {
                if (role != "assistant" || i != messages.Count - 1)
                {
                    return MessagesTranslation.Fail(path, EmptyTurn);
                }
            }

            if (JsonRead.String(content) is { } text)
            {
                chat.Add(new JsonObject { ["role"] = role, ["content"] = text });
                continue;
            }

            if (content is not JsonArray blocks)
            {
                return MessagesTranslation.Fail(path + ".content", "must be a string or an array of content blocks");
            }

            var failure = role == "user" ? User(blocks, path, chat) : Assistant(blocks, path, chat);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    private static MessagesTranslation? User(JsonArray blocks, string path, JsonArray chat)
    {
        var parts = new JsonArray();
        for (var j = 0; j < blocks.Count; j++)
        {
            var at = $"{path}.content[{j}]";
            if (blocks[j] is not JsonObject block)
            {
                return MessagesTranslation.Fail(at, "each content block must be an object");
            }

            switch (JsonRead.String(block["type"]))
            {
                case "text":
                    if (Text(block, at) is { } textFailure)
                    {
                        return textFailure;
                    }

                    parts.Add(new JsonObject { ["type"] = "text", ["text"] = block["text"]!.GetValue<string>() });
                    break;
                case "image":
                    var (image, imageFailure) = Image(block, at);
                    if (imageFailure is not null)
                    {
                        return imageFailure;
                    }

                    parts.Add(image);
                    break;
                case "tool_result":
                    var (tool, toolFailure) = ToolResult(block, at);
                    if (toolFailure is not null)
                    {
                        return toolFailure;
                    }

                    chat.Add(tool);
                    break;
                case "thinking" or "redacted_thinking":
                    return MessagesTranslation.Fail(at + ".type", "thinking blocks belong to assistant messages");
                case { } other:
                    return MessagesTranslation.Fail(at + ".type", $"content blocks of type '{Short(other)}' cannot be translated");
                default:
                    return MessagesTranslation.Fail(at + ".type", "is required");
            }
        }

        if (parts.Count > 0)
        {
            chat.Add(new JsonObject { ["role"] = "user", ["content"] = Collapse(parts) });
        }

        return null;
    }

    private static MessagesTranslation? Assistant(JsonArray blocks, string path, JsonArray chat)
    {
        var text = new List<string>();
        var calls = new JsonArray();
        for (var j = 0; j < blocks.Count; j++)
        {
            var at = $"{path}.content[{j}]";
            if (blocks[j] is not JsonObject block)
            {
                return MessagesTranslation.Fail(at, "each content block must be an object");
            }

            switch (JsonRead.String(block["type"]))
            {
                case "text":
                    if (Text(block, at) is { } textFailure)
                    {
                        return textFailure;
                    }

                    text.Add(block["text"]!.GetValue<string>());
                    break;
                case "tool_use":
                    var id = JsonRead.String(block["id"]);
                    var name = JsonRead.String(block["name"]);
                    if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name))
                    {
                        return MessagesTranslation.Fail(at, "a tool_use block needs an 'id' and a 'name'");
                    }

                    if (block["input"] is not JsonObject input)
                    {
                        return MessagesTranslation.Fail(at + ".input", "must be an object");
                    }

                    calls.Add(new JsonObject
                    {
                        ["id"] = id,
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = name, ["arguments"] = input.ToJsonString() },
                    });
                    break;
                case "thinking" or "redacted_thinking":
                    // Earlier turns' thinking is not part of the model's context (Anthropic strips it as well).
                    break;
                case { } other:
                    return MessagesTranslation.Fail(at + ".type", $"content blocks of type '{Short(other)}' cannot be translated");
                default:
                    return MessagesTranslation.Fail(at + ".type", "is required");
            }
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = text.Count == 0 ? null : string.Concat(text) };
        if (calls.Count > 0)
        {
            message["tool_calls"] = calls;
        }
        else if (text.Count == 0)
        {
            message["content"] = string.Empty;
        }

        chat.Add(message);
        return null;
    }

    /// <summary>The text of system content: a string, or text blocks joined by blank lines (null: not that).</summary>
    public static string? SystemText(JsonNode? content)
    {
        if (JsonRead.String(content) is { } text)
        {
            return text;
        }

        if (content is not JsonArray blocks)
        {
            return null;
        }

        var texts = new List<string>();
        foreach (var block in blocks)
        {
            if (block is not JsonObject b || JsonRead.String(b["type"]) != "text" || JsonRead.String(b["text"]) is not { } t)
            {
                return null;
            }

            texts.Add(t);
        }

        return string.Join("\n\n", texts);
    }

    private static MessagesTranslation? Text(JsonObject block, string at) =>
        JsonRead.String(block["text"]) is null ? MessagesTranslation.Fail(at + ".text", "must be a string") : null;

    private static (JsonObject Part, MessagesTranslation? Failure) Image(JsonObject block, string at)
    {
        if (block["source"] is not JsonObject source)
        {
            return (null!, MessagesTranslation.Fail(at + ".source", "must be an object"));
        }

        string? url;
        switch (JsonRead.String(source["type"]))
        {
            case "base64":
                var mediaType = JsonRead.String(source["media_type"]);
                var data = JsonRead.String(source["data"]);
                if (string.IsNullOrEmpty(mediaType) || data is null)
                {
                    return (null!, MessagesTranslation.Fail(at + ".source", "a base64 image needs 'media_type' and 'data'"));
                }

                url = $"data:{mediaType};base64,{data}";
                break;
            case "url":
                url = JsonRead.String(source["url"]);
                if (string.IsNullOrEmpty(url))
                {
                    return (null!, MessagesTranslation.Fail(at + ".source.url", "must be a string"));
                }

                break;
            default:
                return (null!, MessagesTranslation.Fail(at + ".source.type", "must be 'base64' or 'url'"));
        }

        return (new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = url } }, null);
    }

    private static (JsonObject Message, MessagesTranslation? Failure) ToolResult(JsonObject block, string at)
    {
        var id = JsonRead.String(block["tool_use_id"]);
        if (string.IsNullOrEmpty(id))
        {
            return (null!, MessagesTranslation.Fail(at + ".tool_use_id", "must be a non-empty string"));
        }

        var content = block["content"];
        string text;
        if (JsonRead.IsNull(content))
        {
            text = string.Empty;
        }
        else if (JsonRead.String(content) is { } s)
        {
            text = s;
        }
        else if (content is JsonArray parts)
        {
            var texts = new List<string>();
            for (var k = 0; k < parts.Count; k++)
            {
                if (parts[k] is not JsonObject part || JsonRead.String(part["type"]) != "text" || JsonRead.String(part["text"]) is not { } t)
                {
                    return (null!, MessagesTranslation.Fail($"{at}.content[{k}]", "tool results can be translated only as text blocks"));
                }

                texts.Add(t);
            }

            text = string.Join("\n", texts);
        }
        else
        {
            return (null!, MessagesTranslation.Fail(at + ".content", "must be a string or an array of text blocks"));
        }

        // Chat tool messages cannot mark a failed call: the mark travels in the text (and back to an is_error flag
        // when the upstream speaks Messages).
        if (JsonRead.Bool(block["is_error"]) == true)
        {
            text = ToolErrorPrefix + text;
        }

        return (new JsonObject { ["role"] = "tool", ["tool_call_id"] = id, ["content"] = text }, null);
    }

    /// <summary>A single text part as a plain string (what every chat upstream reads); otherwise the parts.</summary>
    private static JsonNode Collapse(JsonArray parts) =>
        parts is [JsonObject { } only] && JsonRead.String(only["type"]) == "text" ? JsonValue.Create(only["text"]!.GetValue<string>()) : parts;

    private static string Short(string s) => s.Length <= 40 ? s : s[..40];
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>Reads the text of OpenAI chat messages (string content or text parts).</summary>
public static class MessageText
{
    /// <summary>The text of one message's content: the string, or its text parts joined by newlines.</summary>
    public static string Of(JsonNode? message)
    {
        if (message is not JsonObject m || !m.TryGetPropertyValue("content", out var content) || content is null)
        {
            return string.Empty;
        }

        if (content.GetValueKind() == JsonValueKind.String)
        {
            return content.GetValue<string>();
        }

        if (content is not JsonArray parts)
        {
            return string.Empty;
        }

        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            if (part is JsonObject p && p.TryGetPropertyValue("text", out var t) && t?.GetValueKind() == JsonValueKind.String)
            {
                if (sb.Length > 0)
                {
                    sb.Append('\n');
                }

                sb.Append(t.GetValue<string>());
            }
        }

        return sb.ToString();
    }

    /// <summary>The role of a message, or empty.</summary>
    public static string RoleOf(JsonNode? message) =>
        message is JsonObject m && m.TryGetPropertyValue("role", out var r) && r?.GetValueKind() == JsonValueKind.String
            ? r.GetValue<string>()
            : string.Empty;

    /// <summary>The retrieval query for a request: the last user message (with the one before it when short).</summary>
    public static string QueryOf(JsonArray messages)
    {
        var users = messages.Where(m => RoleOf(m) == "user").Select(Of).Where(t => t.Length > 0).ToList();
        if (users.Count == 0)
        {
            return string.Empty;
        }

        var last = users[^1];
        return users.Count > 1 && last.Length < 40 ? users[^2] + "\n" + last : last;
    }
}

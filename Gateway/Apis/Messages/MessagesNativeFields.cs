using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Apis.Messages;

/// <summary>The Messages request fields the chat completions form carries. Any other field the app sent
/// (<c>top_k</c>, <c>thinking</c>, <c>service_tier</c>, <c>mcp_servers</c>...) only an upstream that speaks
/// Messages can honour: it takes them from the app's own body, and every other upstream refuses the call naming
/// the field.</summary>
internal static class MessagesNativeFields
{
    public static readonly IReadOnlySet<string> Translated = new HashSet<string>(StringComparer.Ordinal)
    {
        "model", "max_tokens", "messages", "system", "tools", "tool_choice", "stop_sequences", "temperature", "top_p",
        "metadata", "stream",
    };

    /// <summary>The fields of the app's Messages body that chat completions cannot carry (nulls ignored).</summary>
    public static IEnumerable<string> Uncarried(JsonObject native) =>
        native.Where(p => !Translated.Contains(p.Key) && !JsonRead.IsNull(p.Value)).Select(p => p.Key);

    /// <summary>For a request from a Messages app: the first field an upstream that does not speak Messages cannot
    /// carry (null when none, or the app did not call Messages).</summary>
    public static string? FirstUncarried(ChatRequest request) =>
        request.Context.Api == ClientApi.Messages && request.Context.NativeBody is { } native ? Uncarried(native).FirstOrDefault() : null;
}

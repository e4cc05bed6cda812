using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>Reads the token usage of an answer (or of a stream's usage chunk) into the request context.</summary>
internal static class AnswerUsage
{
    public static void Capture(JsonObject answer, ChatRequestContext context)
    {
        if (answer["usage"] is JsonObject usage)
        {
            context.PromptTokens = usage["prompt_tokens"] is JsonValue p && p.TryGetValue<long>(out var pt) ? pt : 0;
            context.CompletionTokens = usage["completion_tokens"] is JsonValue c && c.TryGetValue<long>(out var ct) ? ct : 0;
        }
    }
}

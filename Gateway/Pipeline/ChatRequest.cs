using System.Text.Json.Nodes;

namespace Gateway.Pipeline;

/// <summary>A validated chat completions request: the app's JSON body exactly as sent (forwarded as is but for
/// the messages the gateway adds) and the per-request context the stages share.</summary>
public sealed record ChatRequest(JsonObject Body, JsonArray Messages, bool Stream, ChatRequestContext Context);

using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Apis.Responses;
using Gateway.OpenAI;
using Gateway.Pipeline;

namespace Gateway.Upstream.Dialects;

/// <summary>Anthropic's Messages API (<c>POST {base}/messages</c>; <c>x-api-key</c> and <c>anthropic-version</c>
/// are added by <see cref="UpstreamClient"/>): chat-form requests out (<see cref="AnthropicRequestBuilder"/>),
/// Messages answers and events back as chat completions and chunks, errors as OpenAI's shape.</summary>
internal sealed class AnthropicDialect(TimeProvider time) : IUpstreamDialect
{
    public UpstreamKind Kind => UpstreamKind.Anthropic;

    public UpstreamCall Prepare(ChatRequest request, UpstreamEndpoint upstream) =>
        ResponsesNativeFields.Untranslatable(request) is var (field, problem)
            ? UpstreamCall.Untranslatable(field, problem)
            : AnthropicRequestBuilder.Build(request, upstream);

    public JsonObject? ToChatCompletion(JsonObject answer, ChatRequest request) =>
        AnthropicAnswerTranslator.ToChatCompletion(answer, time.GetUtcNow().ToUnixTimeSeconds());

    public IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, CancellationToken cancellationToken) =>
        AnthropicStreamTranslator.ToChatChunks(items, request, time.GetUtcNow().ToUnixTimeSeconds(), cancellationToken);

    /// <summary><c>{"type":"error","error":{"type","message"}}</c> as <c>{"error":{"message","type","code"}}</c>.</summary>
    public byte[]? ToChatError(byte[] body, int status)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && JsonRead.String(json["type"]) == "error" && json["error"] is JsonObject error)
            {
                var type = JsonRead.String(error["type"]) ?? "api_error";
                return JsonSerializer.SerializeToUtf8Bytes(new ErrorEnvelope(new ErrorBody(JsonRead.String(error["message"]) ?? type, type, null, type)),
                    OpenAIJsonContext.Default.ErrorEnvelope);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}

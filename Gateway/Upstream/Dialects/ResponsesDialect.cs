using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Pipeline;

namespace Gateway.Upstream.Dialects;

/// <summary>OpenAI's Responses API (<c>POST {base}/responses</c>). A chat-form request goes as a Responses request
/// (<see cref="ResponsesRequestBuilder"/>; a Responses app's own fields such as <c>store</c> and
/// <c>previous_response_id</c> go as sent), and the answers come back in chat form for the stages
/// (<see cref="ResponsesAnswerTranslator"/>, <see cref="ResponsesChunkTranslator"/>). Errors are OpenAI's shape
/// already.</summary>
internal sealed class ResponsesDialect : IUpstreamDialect
{
    public UpstreamKind Kind => UpstreamKind.Responses;

    public UpstreamCall Prepare(ChatRequest request, UpstreamEndpoint upstream)
    {
        if (MessagesNativeFields.FirstUncarried(request) is { } uncarried)
        {
            return UpstreamCall.Untranslatable(uncarried, "only an upstream of kind anthropic can honour it (Responses has no such field)");
        }

        var (body, field, problem) = ResponsesRequestBuilder.Build(request);
        return body is null
            ? UpstreamCall.Untranslatable(field!, problem!)
            : new UpstreamCall("responses", JsonSerializer.SerializeToUtf8Bytes(body));
    }

    public JsonObject? ToChatCompletion(JsonObject answer, ChatRequest request) => ResponsesAnswerTranslator.ToChatCompletion(answer);

    public IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, CancellationToken cancellationToken) =>
        ResponsesChunkTranslator.TranslateAsync(items, request, cancellationToken);

    public byte[]? ToChatError(byte[] body, int status) => null;
}

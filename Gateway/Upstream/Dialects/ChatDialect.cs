using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Apis.Responses;
using Gateway.Pipeline;

namespace Gateway.Upstream.Dialects;

/// <summary>Chat completions, the pipeline's own form: the body goes as it is and answers come back untouched. A
/// Responses call that asks for what only a Responses upstream can do (<c>store</c>, <c>previous_response_id</c>...)
/// cannot be carried and is refused naming the field.</summary>
internal sealed class ChatDialect : IUpstreamDialect
{
    public UpstreamKind Kind => UpstreamKind.Chat;

    public UpstreamCall Prepare(ChatRequest request, UpstreamEndpoint upstream) =>
        ResponsesNativeFields.Untranslatable(request) is var (field, problem)
            ? UpstreamCall.Untranslatable(field, problem)
            : MessagesNativeFields.FirstUncarried(request) is { } field2
                ? UpstreamCall.Untranslatable(field2, "only an upstream of kind anthropic can honour it (chat completions has no such field)")
            : new("chat/completions", JsonSerializer.SerializeToUtf8Bytes(request.Body));

    public JsonObject? ToChatCompletion(JsonObject answer, ChatRequest request) => answer;

    public IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, CancellationToken cancellationToken) => items;

    public byte[]? ToChatError(byte[] body, int status) => null;
}

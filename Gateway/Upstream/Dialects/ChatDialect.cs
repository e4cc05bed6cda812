using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Upstream.Dialects;

/// <summary>Chat completions, the pipeline's own form: the body goes as it is and answers come back untouched.</summary>
internal sealed class ChatDialect : IUpstreamDialect
{
    public UpstreamKind Kind => UpstreamKind.Chat;

    public UpstreamCall Prepare(ChatRequest request, UpstreamEndpoint upstream) =>
        Apis.Messages.MessagesNativeFields.FirstUncarried(request) is { } field
            ? UpstreamCall.Untranslatable(field, "only an upstream of kind anthropic can honour it (chat completions has no such field)")
            : new("chat/completions", JsonSerializer.SerializeToUtf8Bytes(request.Body));

    public JsonObject? ToChatCompletion(JsonObject answer, ChatRequest request) => answer;

    public IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, CancellationToken cancellationToken) => items;

    public byte[]? ToChatError(byte[] body, int status) => null;
}

using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Upstream.Dialects;

/// <summary>How the gateway speaks to one kind of upstream. The pipeline's own form is chat completions: a dialect
/// turns the chat-form request (memory already injected) into its API's request, and the upstream's answers, plain
/// or streamed, back into chat completion form, so every stage (output guardrails, usage, write-back) reads one
/// shape whichever API the upstream speaks.</summary>
internal interface IUpstreamDialect
{
    UpstreamKind Kind { get; }

    /// <summary>The call to send to <paramref name="upstream"/>, or the field of the request this API cannot carry.</summary>
    UpstreamCall Prepare(ChatRequest request, UpstreamEndpoint upstream);

    /// <summary>A successful plain answer in chat completion form (null: not an answer of this API; checked as text).</summary>
    JsonObject? ToChatCompletion(JsonObject answer, ChatRequest request);

    /// <summary>The upstream's stream as chat completion chunks, ending with <see cref="SseItemKind.Done"/> or an error item.</summary>
    IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, CancellationToken cancellationToken);

    /// <summary>An error body (non-2xx answer) in OpenAI's error shape, for the chat completions client (null: keep as sent).</summary>
    byte[]? ToChatError(byte[] body, int status);
}

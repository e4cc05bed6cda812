using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>Anthropic's event stream as chat completion chunks: <c>message_start</c> → the role chunk;
/// <c>text_delta</c> → content; a <c>tool_use</c> block's start → its tool call's index, id and name (first, with
/// empty arguments), each <c>input_json_delta</c> → that call's argument delta, in order; <c>thinking_delta</c> →
/// <c>reasoning_content</c> (its <c>signature_delta</c> → <c>reasoning_signature</c>); <c>message_delta</c> → the finish chunk; <c>message_stop</c> → the usage chunk (when
/// the app asked for it) and <c>[DONE]</c>; an <c>error</c> event → the stream's error. <c>event:</c> lines and
/// pings carry nothing the data lines do not.</summary>
internal static class AnthropicStreamTranslator
{
    public static async IAsyncEnumerable<SseItem> ToChatChunks(IAsyncEnumerable<SseItem> items, ChatRequest request, long created,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var includeUsage = JsonRead.Bool(request.Body["stream_options"].Field("include_usage")) == true;
        var id = "msg_" + request.Context.RequestId;
        var model = request.Context.Model;
        JsonObject? usage = null;
        long? outputTokens = null;
        var toolIndexByBlock = new Dictionary<long, int>();
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Kind == SseItemKind.Error)
            {
                yield return item;
                yield break;
            }

            if (item.Kind != SseItemKind.Data || item.Json is not { } e)
            {
                continue;
            }

            JsonObject Chunk(JsonObject delta, string? finish = null, JsonObject? choiceExtra = null)
            {
                var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish };
                foreach (var (k, v) in choiceExtra ?? [])
                {
                    choice[k] = v?.DeepClone();
                }

                return new JsonObject
                {
                    ["id"] = id,
                    ["object"] = "chat.completion.chunk",
                    ["created"] = created,
                    ["model"] = model,
                    ["choices"] = new JsonArray(choice),
                };
            }

            switch (JsonRead.String(e["type"]))
            {
                case "message_start":
                    id = JsonRead.String(e["message"].Field("id")) ?? id;
                    model = JsonRead.String(e["message"].Field("model")) ?? model;
                    usage = e["message"].Field("usage") as JsonObject;
                    yield return SseItem.Event(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }));
                    break;
                case "content_block_start" when e["content_block"] is JsonObject block && JsonRead.String(block["type"]) == "tool_use":
                    var index = toolIndexByBlock.Count;
                    toolIndexByBlock[JsonRead.Integer(e["index"]) ?? 0] = index;
                    yield return SseItem.Event(Chunk(new JsonObject
                    {
                        ["tool_calls"] = new JsonArray(new JsonObject
                        {
                            ["index"] = index,
                            ["id"] = JsonRead.String(block["id"]),
                            ["type"] = "function",
                            ["function"] = new JsonObject { ["name"] = JsonRead.String(block["name"]), ["arguments"] = string.Empty },
                        }),
                    }));
                    break;
                case "content_block_start" when e["content_block"] is JsonObject block && JsonRead.String(block["type"]) == "text"
                    && JsonRead.String(block["text"]) is { Length: > 0 } initial:
                    yield return SseItem.Event(Chunk(new JsonObject { ["content"] = initial }));
                    break;
                case "content_block_delta" when e["delta"] is JsonObject delta:
                    switch (JsonRead.String(delta["type"]))
                    {
                        case "text_delta" when JsonRead.String(delta["text"]) is { Length: > 0 } text:
                            yield return SseItem.Event(Chunk(new JsonObject { ["content"] = text }));
                            break;
                        case "thinking_delta" when JsonRead.String(delta["thinking"]) is { Length: > 0 } thinking:
                            yield return SseItem.Event(Chunk(new JsonObject { ["reasoning_content"] = thinking }));
                            break;
                        case "signature_delta" when JsonRead.String(delta["signature"]) is { Length: > 0 } signature:
                            yield return SseItem.Event(Chunk(new JsonObject { [MessagesStreamTranslator.ThinkingSignatureField] = signature }));
                            break;
                        case "input_json_delta" when JsonRead.String(delta["partial_json"]) is { Length: > 0 } json
                            && toolIndexByBlock.TryGetValue(JsonRead.Integer(e["index"]) ?? 0, out var toolIndex):
                            yield return SseItem.Event(Chunk(new JsonObject
                            {
                                ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = toolIndex, ["function"] = new JsonObject { ["arguments"] = json } }),
                            }));
                            break;
                    }

                    break;
                case "message_delta":
                    outputTokens = JsonRead.Integer(e["usage"].Field("output_tokens")) ?? outputTokens;
                    if (e["usage"] is JsonObject finalUsage && JsonRead.Integer(finalUsage["input_tokens"]) is not null)
                    {
                        usage = finalUsage;
                    }

                    var stopSequence = JsonRead.String(e["delta"].Field("stop_sequence"));
                    yield return SseItem.Event(Chunk([], MessagesStopReasons.ToChat(JsonRead.String(e["delta"].Field("stop_reason"))),
                        stopSequence is null ? null : new JsonObject { ["stop_sequence"] = stopSequence }));
                    break;
                case "message_stop":
                    if (includeUsage)
                    {
                        var chunk = Chunk([]);
                        chunk["choices"] = new JsonArray();
                        chunk["usage"] = AnthropicAnswerTranslator.Usage(usage, outputTokens);
                        yield return SseItem.Event(chunk);
                    }

                    yield return new SseItem { Kind = SseItemKind.Done, Flush = true };
                    yield break;
                case "error":
                    var type = JsonRead.String(e["error"].Field("type")) ?? "error";
                    var message = JsonRead.String(e["error"].Field("message")) ?? "the upstream reported an error";
                    yield return new SseItem { Kind = SseItemKind.Error, Failure = new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Broken, $"Upstream error ({type}): {message}"), Flush = true };
                    yield break;
            }
        }
    }
}

using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Gateway.Apis.Responses;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Upstream.Dialects;

/// <summary>A Responses upstream's event stream as chat completion chunks, so the output guardrails see text deltas
/// and tool-call argument deltas as for chat: <c>output_text.delta</c> → content, <c>output_item.added</c> of a
/// function call → a tool call with its id and name, <c>function_call_arguments.delta</c> → its arguments in order,
/// <c>response.completed</c>/<c>incomplete</c> → the finish reason and usage then [DONE], <c>response.failed</c> and
/// <c>error</c> → an error item.</summary>
internal static class ResponsesChunkTranslator
{
    public static async IAsyncEnumerable<SseItem> TranslateAsync(IAsyncEnumerable<SseItem> items, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = new Envelope(request.Context.Model);
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Kind is SseItemKind.Error or SseItemKind.Done)
            {
                yield return item;
                yield break;
            }

            if (item.Kind != SseItemKind.Data)
            {
                continue;
            }

            var e = item.Json!;
            switch (Json.String(e["type"]))
            {
                case "response.created":
                    state.Capture(e["response"] as JsonObject);
                    yield return state.Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty });
                    break;
                case "response.output_text.delta" when Json.String(e["delta"]) is { Length: > 0 } delta:
                    state.Streamed.Add(Json.String(e["item_id"]) ?? string.Empty);
                    yield return state.Chunk(new JsonObject { ["content"] = delta });
                    break;
                case "response.output_text.done" when Json.String(e["text"]) is { Length: > 0 } text && !state.Streamed.Contains(Json.String(e["item_id"]) ?? string.Empty):
                    // A text that came whole, without deltas.
                    yield return state.Chunk(new JsonObject { ["content"] = text });
                    break;
                case "response.refusal.delta" when Json.String(e["delta"]) is { Length: > 0 } delta:
                    yield return state.Chunk(new JsonObject { ["refusal"] = delta });
                    break;
                case "response.output_item.added" when e["item"] is JsonObject added && Json.String(added["type"]) == "function_call":
                    var index = state.Calls.Count;
                    state.Calls[Json.Long(e["output_index"])] = index;
                    yield return state.Chunk(ToolCall(index, new JsonObject
                    {
                        ["id"] = Json.String(added["call_id"]),
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = Json.String(added["name"]), ["arguments"] = Json.String(added["arguments"]) ?? string.Empty },
                    }));
                    if (Json.String(added["arguments"]) is { Length: > 0 })
                    {
                        state.Streamed.Add("call:" + index);
                    }

                    break;
                case "response.function_call_arguments.delta" when Json.String(e["delta"]) is { Length: > 0 } delta
                    && state.Calls.TryGetValue(Json.Long(e["output_index"]), out var callIndex):
                    state.Streamed.Add("call:" + callIndex);
                    yield return state.Chunk(ToolCall(callIndex, new JsonObject { ["function"] = new JsonObject { ["arguments"] = delta } }));
                    break;
                case "response.function_call_arguments.done" when Json.String(e["arguments"]) is { Length: > 0 } arguments
                    && state.Calls.TryGetValue(Json.Long(e["output_index"]), out var doneIndex) && !state.Streamed.Contains("call:" + doneIndex):
                    yield return state.Chunk(ToolCall(doneIndex, new JsonObject { ["function"] = new JsonObject { ["arguments"] = arguments } }));
                    break;
                case "response.completed" or "response.incomplete":
                    var response = e["response"] as JsonObject;
                    yield return state.Chunk([], ResponsesAnswerTranslator.FinishReason(response, state.Calls.Count > 0));
                    if (ResponsesAnswerTranslator.Usage(response.Field("usage") as JsonObject) is { } usage)
                    {
                        var chunk = state.Chunk([]);
                        chunk.Json!["choices"] = new JsonArray();
                        chunk.Json["usage"] = usage;
                        yield return chunk;
                    }

                    yield return new SseItem { Kind = SseItemKind.Done, Raw = "data: [DONE]"u8.ToArray(), Flush = true };
                    yield break;
                case "response.failed" or "error":
                    var error = e["response"].Field("error") ?? e;
                    yield return new SseItem
                    {
                        Kind = SseItemKind.Error,
                        Flush = true,
                        Failure = new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Broken,
                            "The upstream failed the response: " + (Json.String(error["message"]) ?? Json.String(error["code"]) ?? "no reason given") + "."),
                    };
                    yield break;
            }
        }
    }

    private static JsonObject ToolCall(int index, JsonObject call)
    {
        call["index"] = index;
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    /// <summary>The response's id, time and model for the chunks made from its events.</summary>
    private sealed class Envelope(string? model)
    {
        private string? _id;
        private long _created;
        private string? _model = model;

        /// <summary>Output index of each function call → its chat tool-call index.</summary>
        public Dictionary<long, int> Calls { get; } = [];

        /// <summary>Items (text item ids, <c>call:N</c>) whose content arrived as deltas.</summary>
        public HashSet<string> Streamed { get; } = [];

        public void Capture(JsonObject? response)
        {
            _id = Json.String(response.Field("id")) ?? _id;
            _created = Json.Long(response.Field("created_at"));
            _model = Json.String(response.Field("model")) ?? _model;
        }

        public SseItem Chunk(JsonObject delta, string? finish = null) => SseItem.Event(new JsonObject
        {
            ["id"] = _id,
            ["object"] = "chat.completion.chunk",
            ["created"] = _created,
            ["model"] = _model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        });
    }
}

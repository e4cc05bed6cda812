using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Apis.Messages;

/// <summary>The pipeline's streamed answer (chat completion chunks, already guarded) as the Messages event stream:
/// <c>message_start</c> and <c>ping</c> first, then each content block (<c>content_block_start</c>, its
/// <c>text_delta</c> / <c>input_json_delta</c> / <c>thinking_delta</c> deltas, <c>content_block_stop</c>), then
/// <c>message_delta</c> with the stop reason and usage and <c>message_stop</c>. Blocks go out one after another as
/// Messages requires: deltas of a block that arrive while an earlier one is still open (a tool call whose
/// predecessor's guarded tail has yet to be released) wait, in order, until the earlier blocks close at the
/// finish. A guardrail block mid-stream ends the answer as Anthropic ends one its own classifiers stop: the notice as
/// text, then <c>message_delta</c> with <c>stop_reason: "refusal"</c> and <c>message_stop</c> (as the plain answer
/// says it). An upstream failure mid-stream is an <c>error</c> event that ends the stream.</summary>
internal sealed class MessagesStreamTranslator(string model, string requestId)
{
    /// <summary>The chat delta field that carries a thinking block's signature from an upstream that speaks Messages
    /// (chat completions has none; other chat clients ignore it).</summary>
    public const string ThinkingSignatureField = "reasoning_signature";

    private readonly List<MessagesStreamBlock> _blocks = [];
    private string? _id;
    private bool _started;
    private bool _blocksClosed;
    private string? _finishReason;
    private string? _stopSequence;
    private long _inputTokens;
    private long _outputTokens;

    /// <summary>True once the stream has ended (<c>message_stop</c> or an <c>error</c> event).</summary>
    public bool Ended { get; private set; }

    public IEnumerable<MessagesEvent> On(SseItem item)
    {
        var events = new List<MessagesEvent>();
        if (Ended)
        {
            return events;
        }

        switch (item.Kind)
        {
            case SseItemKind.Data:
                Start(events, item.Json);
                Chunk(events, item.Json!);
                break;
            case SseItemKind.Done:
                Start(events, null);
                Finish(events);
                break;
            case SseItemKind.Error:
                Start(events, null);
                Error(events, "api_error", item.Failure!.Message);
                break;
        }

        return events;
    }

    private void Start(List<MessagesEvent> events, JsonObject? chunk)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        _id = MessagesAnswerTranslator.MessageId(JsonRead.String(chunk.Field("id")) ?? "chatcmpl-" + requestId);
        events.Add(MessagesEvent.Of("message_start", new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["id"] = _id,
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = JsonRead.String(chunk.Field("model")) ?? model,
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["stop_sequence"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0 },
            },
        }));
        events.Add(MessagesEvent.Of("ping", []));
    }

    private void Chunk(List<MessagesEvent> events, JsonObject chunk)
    {
        if (chunk["usage"] is JsonObject usage)
        {
            _inputTokens = JsonRead.Integer(usage["prompt_tokens"]) ?? _inputTokens;
            _outputTokens = JsonRead.Integer(usage["completion_tokens"]) ?? _outputTokens;
        }

        // Messages has one answer: the first choice is it.
        var choice = (chunk["choices"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => (JsonRead.Integer(c["index"]) ?? 0) == 0);
        if (choice is null)
        {
            return;
        }

        if (choice["delta"] is JsonObject delta)
        {
            foreach (var field in (ReadOnlySpan<string>)["reasoning_content", "reasoning"])
            {
                if (JsonRead.String(delta[field]) is { Length: > 0 } thinking)
                {
                    var block = Block("thinking", -1, null);
                    Add(events, block, block.Delta(thinking));
                }
            }

            if (JsonRead.String(delta[ThinkingSignatureField]) is { Length: > 0 } signature)
            {
                Add(events, Block("thinking", -1, null), MessagesStreamBlock.SignatureDelta(signature));
            }

            if (JsonRead.String(delta["content"]) is { Length: > 0 } text)
            {
                var block = Block("text", -1, null);
                Add(events, block, block.Delta(text));
            }

            foreach (var call in (delta["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var id = JsonRead.String(call["id"]);
                var block = Block("tool_use", (int)(JsonRead.Integer(call["index"]) ?? 0), id);
                block.Id ??= id;
                block.Name ??= JsonRead.String(call["function"].Field("name"));
                if (JsonRead.String(call["function"].Field("arguments")) is { Length: > 0 } arguments)
                {
                    Add(events, block, block.Delta(arguments));
                }
            }
        }

        if (JsonRead.String(choice["finish_reason"]) is { } finish)
        {
            _finishReason = finish;
            _stopSequence ??= JsonRead.String(choice["stop_sequence"]);
            CloseBlocks(events);
        }
    }

    private MessagesStreamBlock Block(string kind, int toolIndex, string? id)
    {
        // A text or thinking delta after a later block began continues the block of its kind; tool calls by index
        // (a new id at a used index is a new call: some upstreams number every call 0).
        var block = _blocks.LastOrDefault(b => b.Kind == kind && b.ToolIndex == toolIndex);
        if (block is null || (_blocksClosed && block.Stopped) || (id is not null && block.Id is not null && block.Id != id))
        {
            block = new MessagesStreamBlock(kind, toolIndex);
            _blocks.Add(block);
        }

        return block;
    }

    private void Add(List<MessagesEvent> events, MessagesStreamBlock block, JsonObject delta)
    {
        if (_blocks.First(b => !b.Stopped) != block)
        {
            block.Pending.Add(delta);
            return;
        }

        Open(events, block);
        events.Add(MessagesEvent.Of("content_block_delta", new JsonObject { ["index"] = _blocks.IndexOf(block), ["delta"] = delta }));
    }

    private void Open(List<MessagesEvent> events, MessagesStreamBlock block)
    {
        if (block.Started)
        {
            return;
        }

        block.Started = true;
        block.Id ??= "toolu_" + requestId + "_" + _blocks.IndexOf(block);
        events.Add(MessagesEvent.Of("content_block_start", new JsonObject { ["index"] = _blocks.IndexOf(block), ["content_block"] = block.StartBlock() }));
        foreach (var pending in block.Pending)
        {
            events.Add(MessagesEvent.Of("content_block_delta", new JsonObject { ["index"] = _blocks.IndexOf(block), ["delta"] = pending }));
        }

        block.Pending.Clear();
    }

    private void CloseBlocks(List<MessagesEvent> events)
    {
        foreach (var block in _blocks.Where(b => !b.Stopped))
        {
            Open(events, block);
            block.Stopped = true;
            events.Add(MessagesEvent.Of("content_block_stop", new JsonObject { ["index"] = _blocks.IndexOf(block) }));
        }

        _blocksClosed = true;
    }

    private void Finish(List<MessagesEvent> events)
    {
        CloseBlocks(events);
        Ended = true;
        events.Add(MessagesEvent.Of("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject
            {
                ["stop_reason"] = MessagesStopReasons.FromChat(_finishReason, _stopSequence),
                ["stop_sequence"] = _stopSequence,
            },
            ["usage"] = new JsonObject { ["input_tokens"] = _inputTokens, ["output_tokens"] = _outputTokens },
        }));
        events.Add(MessagesEvent.Of("message_stop", []));
    }

    private void Error(List<MessagesEvent> events, string type, string message)
    {
        Ended = true;
        events.Add(MessagesEvent.Of("error", new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["message"] = message } }));
    }
}

using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Gateway.OpenAI;

namespace Gateway.Apis.Responses;

/// <summary>Writes a streamed answer (chat completion chunks, already guarded) as the Responses event stream:
/// <c>response.created</c>, <c>response.in_progress</c>, per item <c>output_item.added</c> → its deltas →
/// <c>.done</c> events, then <c>response.completed</c> (<c>response.incomplete</c> for a length or guardrail stop,
/// <c>response.failed</c> for an upstream error), every event numbered by <c>sequence_number</c>. Text and
/// tool-call argument deltas go out in the order they arrive, each to its own item.</summary>
internal sealed class ResponsesEventStream(PipeWriter body, ChatRequest request, long now, ResponseIdSeal ids)
{
    private readonly List<StreamedOutputItem> _items = [];
    private readonly Dictionary<int, StreamedOutputItem> _calls = [];
    private StreamedOutputItem? _message;
    private int _sequence;
    private string? _id;
    private long _createdAt;
    private string? _model;
    private string? _finish;
    private JsonObject? _usage;

    public bool Started => _id is not null;

    /// <summary>Handles one chat item; true when the stream has ended.</summary>
    public bool Write(SseItem item)
    {
        switch (item.Kind)
        {
            case SseItemKind.Data:
                Chunk(item.Json!);
                return false;
            case SseItemKind.Done:
                Complete();
                return true;
            case SseItemKind.Error:
                Fail(item.Failure!.Code, item.Failure.Message);
                return true;
            default:
                // Comments, event names and blank lines of the chat stream have no Responses counterpart.
                return false;
        }
    }

    /// <summary>The chat stream ended without [DONE]: complete if it finished, else fail.</summary>
    public void End()
    {
        if (_finish is not null)
        {
            Complete();
        }
        else
        {
            Fail("upstream_incomplete", "The upstream ended the answer before it finished.");
        }
    }

    private void Chunk(JsonObject chunk)
    {
        Start(chunk);
        if (chunk["usage"] is JsonObject usage)
        {
            _usage = usage;
        }

        foreach (var choice in (chunk["choices"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (choice["delta"] is JsonObject delta)
            {
                if (Json.String(delta["content"]) is { Length: > 0 } text)
                {
                    TextDelta(text);
                }

                if (Json.String(delta["refusal"]) is { Length: > 0 } refusal)
                {
                    RefusalDelta(refusal);
                }

                foreach (var call in (delta["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    ToolCallDelta(call);
                }
            }

            if (Json.String(choice["finish_reason"]) is { } finish)
            {
                _finish = finish;
            }
        }
    }

    private void Start(JsonObject? chunk)
    {
        if (_id is not null)
        {
            return;
        }

        _id = ids.ResponseId(Json.String(chunk.Field("id")), request.Context);
        var created = Json.Long(chunk.Field("created"));
        _createdAt = created > 0 ? created : now;
        _model = Json.String(chunk.Field("model"));
        Emit("response.created", new JsonObject { ["response"] = Envelope("in_progress", []) });
        Emit("response.in_progress", new JsonObject { ["response"] = Envelope("in_progress", []) });
    }

    private StreamedOutputItem OpenMessage()
    {
        if (_message is null)
        {
            _message = new StreamedOutputItem(ResponseIds.New("msg_"), _items.Count, isFunctionCall: false);
            _items.Add(_message);
            Emit("response.output_item.added", new JsonObject
            {
                ["output_index"] = _message.OutputIndex,
                ["item"] = new JsonObject { ["id"] = _message.Id, ["type"] = "message", ["status"] = "in_progress", ["role"] = "assistant", ["content"] = new JsonArray() },
            });
        }

        return _message;
    }

    private void TextDelta(string text)
    {
        var message = OpenMessage();
        if (message.TextPart < 0)
        {
            message.TextPart = message.Parts++;
            Emit("response.content_part.added", PartEvent(message, message.TextPart, ResponseOutput.TextPart(string.Empty)));
        }

        message.Text.Append(text);
        var e = PartEvent(message, message.TextPart);
        e["delta"] = text;
        e["logprobs"] = new JsonArray();
        Emit("response.output_text.delta", e);
    }

    private void RefusalDelta(string refusal)
    {
        var message = OpenMessage();
        if (message.RefusalPart < 0)
        {
            message.RefusalPart = message.Parts++;
            Emit("response.content_part.added", PartEvent(message, message.RefusalPart, ResponseOutput.RefusalPart(string.Empty)));
        }

        message.Refusal.Append(refusal);
        var e = PartEvent(message, message.RefusalPart);
        e["delta"] = refusal;
        Emit("response.refusal.delta", e);
    }

    private void ToolCallDelta(JsonObject call)
    {
        var index = call["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
        var function = call["function"] as JsonObject;
        if (!_calls.TryGetValue(index, out var item))
        {
            item = new StreamedOutputItem(ResponseIds.New("fc_"), _items.Count, isFunctionCall: true)
            {
                CallId = Json.String(call["id"]) ?? ResponseIds.New("call_"),
                Name = Json.String(function.Field("name")) ?? string.Empty,
            };
            _calls[index] = item;
            _items.Add(item);
            Emit("response.output_item.added", new JsonObject
            {
                ["output_index"] = item.OutputIndex,
                ["item"] = ResponseOutput.FunctionCall(item.Id, "in_progress", item.CallId, item.Name, string.Empty),
            });
        }
        else if (item.Name.Length == 0 && Json.String(function.Field("name")) is { } name)
        {
            item.Name = name;
        }

        if (Json.String(function.Field("arguments")) is { Length: > 0 } arguments)
        {
            item.Arguments.Append(arguments);
            Emit("response.function_call_arguments.delta", new JsonObject
            {
                ["item_id"] = item.Id,
                ["output_index"] = item.OutputIndex,
                ["delta"] = arguments,
            });
        }
    }

    private void Complete()
    {
        Start(null);
        var (status, incomplete) = ResponseOutput.StatusFor(_finish);
        var itemStatus = status == "completed" ? "completed" : "incomplete";
        foreach (var item in _items)
        {
            if (item.IsFunctionCall)
            {
                Emit("response.function_call_arguments.done", new JsonObject
                {
                    ["item_id"] = item.Id,
                    ["output_index"] = item.OutputIndex,
                    ["name"] = item.Name,
                    ["arguments"] = item.Arguments.ToString(),
                });
            }
            else
            {
                if (item.TextPart >= 0)
                {
                    var done = PartEvent(item, item.TextPart);
                    done["text"] = item.Text.ToString();
                    done["logprobs"] = new JsonArray();
                    Emit("response.output_text.done", done);
                    Emit("response.content_part.done", PartEvent(item, item.TextPart, ResponseOutput.TextPart(item.Text.ToString())));
                }

                if (item.RefusalPart >= 0)
                {
                    var done = PartEvent(item, item.RefusalPart);
                    done["refusal"] = item.Refusal.ToString();
                    Emit("response.refusal.done", done);
                    Emit("response.content_part.done", PartEvent(item, item.RefusalPart, ResponseOutput.RefusalPart(item.Refusal.ToString())));
                }
            }

            Emit("response.output_item.done", new JsonObject { ["output_index"] = item.OutputIndex, ["item"] = ItemObject(item, itemStatus) });
        }

        var final = Envelope(status, Output(itemStatus), ResponseOutput.Usage(_usage), incomplete);
        Emit(status == "completed" ? "response.completed" : "response.incomplete", new JsonObject { ["response"] = final });
    }

    private void Fail(string? code, string message)
    {
        Start(null);
        var error = new JsonObject { ["code"] = code ?? "server_error", ["message"] = message };
        Emit("response.failed", new JsonObject { ["response"] = Envelope("failed", Output("incomplete"), _usage is null ? null : ResponseOutput.Usage(_usage), error: error) });
    }

    private JsonArray Output(string status) => new(_items.Select(i => (JsonNode)ItemObject(i, status)).ToArray());

    private static JsonObject ItemObject(StreamedOutputItem item, string status) => item.IsFunctionCall
        ? ResponseOutput.FunctionCall(item.Id, status, item.CallId, item.Name, item.Arguments.ToString())
        : ResponseOutput.Message(item.Id, status, item.TextPart >= 0 ? item.Text.ToString() : null, item.RefusalPart >= 0 ? item.Refusal.ToString() : null);

    private JsonObject Envelope(string status, JsonArray output, JsonObject? usage = null, JsonObject? incomplete = null, JsonObject? error = null) =>
        ResponseEnvelope.Build(request, ids, _id!, _createdAt, _model, status, output, usage, incomplete, error);

    private static JsonObject PartEvent(StreamedOutputItem item, int contentIndex, JsonObject? part = null)
    {
        var e = new JsonObject { ["item_id"] = item.Id, ["output_index"] = item.OutputIndex, ["content_index"] = contentIndex };
        if (part is not null)
        {
            e["part"] = part;
        }

        return e;
    }

    private void Emit(string type, JsonObject payload)
    {
        var e = new JsonObject { ["type"] = type, ["sequence_number"] = _sequence++ };
        foreach (var (key, value) in payload.ToList())
        {
            payload.Remove(key);
            e[key] = value;
        }

        body.Write(Encoding.UTF8.GetBytes("event: " + type + "\ndata: "));
        using (var writer = new Utf8JsonWriter(body, OpenAI.AnswerJson.Writer))
        {
            e.WriteTo(writer);
        }

        body.Write("\n\n"u8);
    }
}

using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;
using Guardrails.Abstractions;

namespace Gateway.Pipeline;

/// <summary>Output checks over a streamed answer as it flows: every text field of every choice (content,
/// refusal, reasoning, each tool call's arguments) passes its own streaming guard, which holds back at most a
/// short tail; logprobs follow their text (<see cref="StreamedField"/>); lines that are not JSON data are checked
/// as text. Chunks the guards leave untouched go on byte for byte. A block ends the stream with a
/// <c>content_filter</c> chunk and <c>[DONE]</c>.</summary>
internal sealed class StreamedAnswerGuard(IGuardrailPipeline guardrails, OutputGuardNotices notices)
{
    private static readonly string[] TextFields = ["content", "refusal", "reasoning_content", "reasoning"];

    public async IAsyncEnumerable<SseItem> GuardAsync(IAsyncEnumerable<SseItem> items, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = new State(guardrails, GuardrailContextFactory.For(request));
        var finished = false;
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            string? blocked = null;
            switch (item.Kind)
            {
                case SseItemKind.Data:
                    state.CaptureEnvelope(item.Json!);
                    finished |= HasFinishReason(item.Json!);
                    blocked = await GuardChunkAsync(item, state, cancellationToken).ConfigureAwait(false);
                    break;
                case SseItemKind.Text:
                    blocked = await GuardTextLineAsync(item, state, request, cancellationToken).ConfigureAwait(false);
                    break;
                case SseItemKind.Done:
                    foreach (var tail in await CompleteAllAsync(state, request, cancellationToken).ConfigureAwait(false))
                    {
                        yield return tail;
                    }

                    if (state.Blocked)
                    {
                        yield return new SseItem { Kind = SseItemKind.Done, Flush = true };
                        yield break;
                    }

                    break;
            }

            if (blocked is not null)
            {
                if (item.Kind == SseItemKind.Data)
                {
                    yield return item;
                }

                foreach (var end in Block(state, request, blocked))
                {
                    yield return end;
                }

                yield break;
            }

            yield return item;
            if (item.Kind is SseItemKind.Done or SseItemKind.Error)
            {
                yield break;
            }
        }

        // The upstream ended without [DONE]: release what the guards still hold.
        foreach (var tail in await CompleteAllAsync(state, request, cancellationToken).ConfigureAwait(false))
        {
            yield return tail;
        }

        if (state.Blocked || finished)
        {
            // Some servers close the stream after the last choice finished without sending [DONE]: the answer is whole.
            yield return new SseItem { Kind = SseItemKind.Done, Flush = true };
            yield break;
        }

        // Cut short before any choice finished: the client must be able to tell, so it gets the error event (and the
        // stream's end) that any other broken stream gets.
        var cut = new Upstream.UpstreamAnswerFailure(Upstream.UpstreamAnswerFailureKind.Broken, "The upstream's stream ended before the answer was complete.");
        request.Context.AnswerOutcome = "upstream_" + cut.Code;
        yield return new SseItem { Kind = SseItemKind.Error, Failure = cut, Flush = true };
    }

    private static bool HasFinishReason(JsonObject chunk) =>
        chunk["choices"] is JsonArray choices &&
        choices.Any(c => c is JsonObject choice && choice["finish_reason"] is JsonValue reason && reason.GetValueKind() == JsonValueKind.String);

    /// <summary>Guards the fields of each choice of a chunk in place; returns the block reason, if any.</summary>
    private static async ValueTask<string?> GuardChunkAsync(SseItem item, State state, CancellationToken cancellationToken)
    {
        if (item.Json!["choices"] is not JsonArray choices)
        {
            return null;
        }

        foreach (var choice in choices.OfType<JsonObject>())
        {
            var index = choice["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
            var delta = choice["delta"] as JsonObject;
            if (delta is not null)
            {
                foreach (var field in TextFields)
                {
                    if (delta[field] is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0)
                    {
                        var guarded = state.Field(index, field, toolArguments: false);
                        guarded.AddLogprobs(LogprobsOf(choice, field), text.Length);
                        var (output, released) = await guarded.PushAsync(text, cancellationToken).ConfigureAwait(false);
                        item.Modified |= SetText(delta, field, text, output.Emit) | SetLogprobs(choice, field, released);
                        if (output.Blocked)
                        {
                            return output.Reason;
                        }
                    }
                    else if (field is "content" or "refusal" && LogprobsOf(choice, field) is { Count: > 0 })
                    {
                        // Logprobs without their text cannot be aligned: dropped.
                        item.Modified |= SetLogprobs(choice, field, []);
                    }
                }

                foreach (var (key, function) in Functions(delta))
                {
                    if (function["arguments"] is JsonValue v && v.TryGetValue<string>(out var arguments) && arguments.Length > 0)
                    {
                        var (output, _) = await state.Field(index, key, toolArguments: true).PushAsync(arguments, cancellationToken).ConfigureAwait(false);
                        item.Modified |= SetText(function, "arguments", arguments, output.Emit);
                        if (output.Blocked)
                        {
                            return output.Reason;
                        }
                    }
                }
            }

            if (choice["finish_reason"] is JsonValue fr && fr.GetValueKind() == JsonValueKind.String && state.Finished.Add(index))
            {
                delta ??= [];
                choice["delta"] = delta;
                var (changed, reason) = await CompleteChoiceAsync(state, index, choice, delta, cancellationToken).ConfigureAwait(false);
                item.Modified |= changed;
                if (reason is not null)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>Releases the held tails of one choice's fields into <paramref name="delta"/>.</summary>
    private static async ValueTask<(bool Changed, string? Blocked)> CompleteChoiceAsync(State state, int index, JsonObject choice, JsonObject delta, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (var (key, field) in state.FieldsOf(index))
        {
            if (field.Completed)
            {
                continue;
            }

            var (output, released) = await field.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (output.Emit.Length > 0)
            {
                changed = true;
                if (key.StartsWith("tool:", StringComparison.Ordinal))
                {
                    var toolIndex = int.Parse(key.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
                    var calls = delta["tool_calls"] as JsonArray ?? [];
                    delta["tool_calls"] = calls;
                    calls.Add(new JsonObject { ["index"] = toolIndex, ["function"] = new JsonObject { ["arguments"] = output.Emit } });
                }
                else if (key == "function_call")
                {
                    var call = delta["function_call"] as JsonObject ?? [];
                    delta["function_call"] = call;
                    call["arguments"] = (call["arguments"] is JsonValue a && a.TryGetValue<string>(out var before) ? before : string.Empty) + output.Emit;
                }
                else
                {
                    delta[key] = (delta[key] is JsonValue b && b.TryGetValue<string>(out var before) ? before : string.Empty) + output.Emit;
                }
            }

            if (released.Count > 0 && key is "content" or "refusal")
            {
                var existing = LogprobsOf(choice, key);
                var all = new JsonArray();
                foreach (var e in (existing ?? []).Select(e => e?.DeepClone()).Concat(released.Select(e => e?.DeepClone())))
                {
                    all.Add(e);
                }

                changed |= SetLogprobs(choice, key, all);
            }

            if (output.Blocked)
            {
                return (true, output.Reason);
            }
        }

        return (changed, null);
    }

    private async ValueTask<List<SseItem>> CompleteAllAsync(State state, ChatRequest request, CancellationToken cancellationToken)
    {
        var items = new List<SseItem>();
        foreach (var index in state.Choices.Where(i => !state.Finished.Contains(i)).ToList())
        {
            state.Finished.Add(index);
            var delta = new JsonObject();
            var choice = new JsonObject { ["index"] = index, ["delta"] = delta, ["finish_reason"] = null };
            var (changed, blocked) = await CompleteChoiceAsync(state, index, choice, delta, cancellationToken).ConfigureAwait(false);
            if (changed)
            {
                items.Add(SseItem.Event(state.Chunk(choice, request)));
            }

            if (blocked is not null)
            {
                items.AddRange(Block(state, request, blocked).Where(i => i.Kind != SseItemKind.Done));
                break;
            }
        }

        return items;
    }

    private async ValueTask<string?> GuardTextLineAsync(SseItem item, State state, ChatRequest request, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(item.Raw);
        var result = await guardrails.CheckAsync(GuardrailStage.Output, text, state.FieldContext, cancellationToken).ConfigureAwait(false);
        if (result.Action == GuardrailAction.Allow)
        {
            return null;
        }

        if (result.IsBlocked)
        {
            return $"The answer was stopped by guardrail rule {result.DecisiveRule}.";
        }

        notices.Intervened(request, result, "output");
        if (result.Text != text)
        {
            item.Text = result.Text;
        }

        return null;
    }

    private IEnumerable<SseItem> Block(State state, ChatRequest request, string? reason)
    {
        state.Blocked = true;
        notices.StreamBlocked(request, reason);
        var choice = new JsonObject
        {
            ["index"] = state.BlockedIndex,
            ["delta"] = new JsonObject { ["content"] = notices.BlockedStream(reason) },
            ["finish_reason"] = "content_filter",
        };
        yield return SseItem.Event(state.Chunk(choice, request), notice: true);
        yield return new SseItem { Kind = SseItemKind.Done, Flush = true };
    }

    private static IEnumerable<(string Key, JsonObject Function)> Functions(JsonObject delta)
    {
        if (delta["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls.OfType<JsonObject>())
            {
                var toolIndex = call["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
                if (call["function"] is JsonObject function)
                {
                    yield return ("tool:" + toolIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), function);
                }
            }
        }

        if (delta["function_call"] is JsonObject legacy)
        {
            yield return ("function_call", legacy);
        }
    }

    private static JsonArray? LogprobsOf(JsonObject choice, string field) => choice["logprobs"].Field(field) as JsonArray;

    private static bool SetText(JsonObject owner, string field, string before, string after)
    {
        if (before == after)
        {
            return false;
        }

        owner[field] = after;
        return true;
    }

    private static bool SetLogprobs(JsonObject choice, string field, JsonArray released)
    {
        var existing = LogprobsOf(choice, field);
        if (existing is null && released.Count == 0)
        {
            return false;
        }

        if (existing is not null && JsonNode.DeepEquals(existing, released))
        {
            return false;
        }

        if (choice["logprobs"] is not JsonObject logprobs)
        {
            choice["logprobs"] = logprobs = new JsonObject();
        }

        logprobs[field] = released;
        return true;
    }

    /// <summary>Per-stream bookkeeping: a guarded field per (choice, field), and the envelope for chunks the gateway makes.</summary>
    private sealed class State(IGuardrailPipeline guardrails, GuardrailRequestContext context)
    {
        private readonly Dictionary<(int Index, string Key), StreamedField> _fields = [];
        private string? _id;
        private string? _model;
        private long _created;

        public GuardrailRequestContext FieldContext { get; } = context with { ResponseJsonSchema = null };
        public HashSet<int> Finished { get; } = [];
        public IEnumerable<int> Choices => _fields.Keys.Select(k => k.Index).Distinct().Order();
        public bool Blocked { get; set; }
        public int BlockedIndex { get; set; }

        public StreamedField Field(int index, string key, bool toolArguments)
        {
            BlockedIndex = index;
            if (!_fields.TryGetValue((index, key), out var field))
            {
                var guard = toolArguments
                    ? guardrails.BeginToolArgumentsStream(context)
                    : guardrails.BeginStream(key == "content" ? context : FieldContext);
                _fields[(index, key)] = field = new StreamedField(guard);
            }

            return field;
        }

        public IEnumerable<(string Key, StreamedField Field)> FieldsOf(int index)
        {
            BlockedIndex = index;
            return _fields.Where(f => f.Key.Index == index).Select(f => (f.Key.Key, f.Value)).ToList();
        }

        public void CaptureEnvelope(JsonObject chunk)
        {
            if (_id is null && chunk["id"] is JsonValue id && id.TryGetValue<string>(out var s))
            {
                _id = s;
                _model = chunk["model"] is JsonValue m && m.TryGetValue<string>(out var ms) ? ms : null;
                _created = chunk["created"] is JsonValue c && c.TryGetValue<long>(out var cs) ? cs : 0;
            }
        }

        public JsonObject Chunk(JsonObject choice, ChatRequest request) => new()
        {
            ["id"] = _id ?? "chatcmpl-" + request.Context.RequestId,
            ["object"] = "chat.completion.chunk",
            ["created"] = _created,
            ["model"] = _model ?? request.Context.Model,
            ["choices"] = new JsonArray(choice),
        };
    }
}

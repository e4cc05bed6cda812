using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Guardrails.Abstractions;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Pipeline;

/// <summary>Relays an upstream SSE stream to the client event by event as it arrives. Each choice's text passes a
/// streaming output guard that holds back at most a short tail (to redact a secret split across chunks); chunks
/// the guard leaves untouched are forwarded byte for byte. The completed turn is put in the write-back outbox
/// before the final <c>data: [DONE]</c>.</summary>
internal sealed class StreamingCompletionRelay(IGuardrailPipeline guardrails, TurnRecorder recorder, ILogger<StreamingCompletionRelay> logger)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public async Task RelayAsync(HttpContext http, HttpResponseMessage upstream, ChatRequest request, CancellationToken cancellationToken = default)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var state = new StreamState(guardrails, GuardrailContextFactory.For(request));
        var body = response.BodyWriter;
        await using var upstreamStream = await upstream.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var reader = PipeReader.Create(upstreamStream, new StreamPipeReaderOptions(bufferSize: 16 * 1024));
        var sawDone = false;
        try
        {
            while (!sawDone && !state.Blocked)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                var wroteEventEnd = false;
                while (TryReadLine(ref buffer, out var line))
                {
                    var outcome = await ProcessLineAsync(line, body, state, request, cancellationToken).ConfigureAwait(false);
                    if (outcome == LineOutcome.Done)
                    {
                        sawDone = true;
                        break;
                    }

                    if (outcome == LineOutcome.Blocked)
                    {
                        break;
                    }

                    wroteEventEnd |= outcome == LineOutcome.EventEnd;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                if (wroteEventEnd || sawDone || state.Blocked)
                {
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (IOException e) when (!cancellationToken.IsCancellationRequested)
        {
            GatewayLog.UpstreamStreamBroken(logger, request.Context.RequestId, e.GetType().Name);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }

        if (!state.Blocked)
        {
            // Choices the upstream never finished: release what their guards still hold.
            foreach (var (index, guard) in state.Guards.Where(g => !state.Finished.Contains(g.Key)).ToList())
            {
                var tail = await guard.CompleteAsync(cancellationToken).ConfigureAwait(false);
                state.Append(index, tail.Emit);
                if (tail.Blocked)
                {
                    await WriteBlockAsync(body, state, index, tail.Reason, request).ConfigureAwait(false);
                    break;
                }

                if (tail.Emit.Length > 0)
                {
                    WriteEvent(body, state.SyntheticChunk(index, new JsonObject { ["content"] = tail.Emit }, null, request));
                }
            }
        }

        if (state.Blocked)
        {
            request.Context.GuardrailInterventions++;
        }

        await recorder.RecordAsync(request, state.AnswerText(), CancellationToken.None).ConfigureAwait(false);
        if (sawDone || state.Blocked)
        {
            body.Write(DoneEvent);
        }

        await body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        request.Context.PromptTokens = state.PromptTokens;
        request.Context.CompletionTokens = state.CompletionTokens;
        request.Context.GuardrailInterventions += state.Interventions;
    }

    private async ValueTask<LineOutcome> ProcessLineAsync(ReadOnlySequence<byte> line, PipeWriter body, StreamState state, ChatRequest request, CancellationToken cancellationToken)
    {
        if (line.IsEmpty)
        {
            body.Write(Newline);
            return LineOutcome.EventEnd;
        }

        var reader = new SequenceReader<byte>(line);
        if (!reader.IsNext("data:"u8, advancePast: true))
        {
            Write(body, line);
            return LineOutcome.Other;
        }

        reader.AdvancePast((byte)' ');
        var payload = line.Slice(reader.Position);
        if (payload.Length == 6 && payload.FirstSpan.Length >= 6 && payload.FirstSpan.StartsWith("[DONE]"u8))
        {
            return LineOutcome.Done;
        }

        JsonNode? chunk;
        try
        {
            var jsonReader = new Utf8JsonReader(payload);
            chunk = JsonNode.Parse(ref jsonReader);
        }
        catch (JsonException)
        {
            Write(body, line);
            return LineOutcome.Other;
        }

        if (chunk is not JsonObject obj)
        {
            Write(body, line);
            return LineOutcome.Other;
        }

        state.CaptureEnvelope(obj);
        state.CaptureUsage(obj);
        var modified = false;
        if (obj["choices"] is JsonArray choices)
        {
            foreach (var choice in choices.OfType<JsonObject>())
            {
                var index = choice["index"] is JsonValue iv && iv.TryGetValue<int>(out var i) ? i : 0;
                var delta = choice["delta"] as JsonObject;
                if (delta?["content"] is JsonValue cv && cv.TryGetValue<string>(out var content) && content.Length > 0)
                {
                    var output = await state.GuardFor(index).PushAsync(content, cancellationToken).ConfigureAwait(false);
                    if (output.Blocked)
                    {
                        state.Append(index, output.Emit);
                        await WriteBlockAsync(body, state, index, output.Reason, request).ConfigureAwait(false);
                        return LineOutcome.Blocked;
                    }

                    state.Append(index, output.Emit);
                    if (output.Emit != content)
                    {
                        delta["content"] = output.Emit;
                        modified = true;
                    }
                }

                if (choice["finish_reason"] is JsonValue fr && fr.GetValueKind() == JsonValueKind.String && state.Finished.Add(index))
                {
                    var tail = await state.GuardFor(index).CompleteAsync(cancellationToken).ConfigureAwait(false);
                    state.Append(index, tail.Emit);
                    if (tail.Blocked)
                    {
                        await WriteBlockAsync(body, state, index, tail.Reason, request).ConfigureAwait(false);
                        return LineOutcome.Blocked;
                    }

                    if (tail.Emit.Length > 0)
                    {
                        delta ??= [];
                        choice["delta"] = delta;
                        var before = delta["content"] is JsonValue bv && bv.TryGetValue<string>(out var b) ? b : string.Empty;
                        delta["content"] = before + tail.Emit;
                        modified = true;
                    }
                }
            }
        }

        if (modified)
        {
            WriteEvent(body, obj, endEvent: false);
        }
        else
        {
            Write(body, line);
        }

        return LineOutcome.Other;
    }

    private async ValueTask WriteBlockAsync(PipeWriter body, StreamState state, int index, string? reason, ChatRequest request)
    {
        state.Blocked = true;
        state.Interventions++;
        GatewayLog.GuardrailIntervened(logger, "Block", "output", request.Context.RequestId, reason);
        WriteEvent(body, state.SyntheticChunk(index,
            new JsonObject { ["content"] = $"\n[gateway: the rest of this answer was blocked by an output guardrail ({reason ?? "policy"})]" },
            "content_filter", request));
        await body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void Write(PipeWriter body, ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            body.Write(segment.Span);
        }

        body.Write(Newline);
    }

    private static void WriteEvent(PipeWriter body, JsonObject chunk, bool endEvent = true)
    {
        body.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(body))
        {
            chunk.WriteTo(writer);
        }

        body.Write(endEvent ? "\n\n"u8 : Newline);
    }

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        if (!line.IsEmpty && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private enum LineOutcome
    {
        Other,
        EventEnd,
        Done,
        Blocked,
    }

    /// <summary>Per-stream bookkeeping: one guard and one answer buffer per choice, the envelope for synthetic chunks.</summary>
    private sealed class StreamState(IGuardrailPipeline guardrails, GuardrailRequestContext context)
    {
        private readonly Dictionary<int, StringBuilder> _answers = [];
        private string? _id;
        private string? _model;
        private long _created;

        public Dictionary<int, IStreamingGuard> Guards { get; } = [];
        public HashSet<int> Finished { get; } = [];
        public bool Blocked { get; set; }
        public int Interventions { get; set; }
        public long PromptTokens { get; private set; }
        public long CompletionTokens { get; private set; }

        public IStreamingGuard GuardFor(int index)
        {
            if (!Guards.TryGetValue(index, out var guard))
            {
                guard = guardrails.BeginStream(context);
                Guards[index] = guard;
            }

            return guard;
        }

        public void Append(int index, string text)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (!_answers.TryGetValue(index, out var sb))
            {
                _answers[index] = sb = new StringBuilder();
            }

            sb.Append(text);
        }

        public string? AnswerText() => _answers.TryGetValue(0, out var sb) ? sb.ToString() : _answers.Values.FirstOrDefault()?.ToString();

        public void CaptureEnvelope(JsonObject chunk)
        {
            if (_id is null && chunk["id"] is JsonValue id && id.TryGetValue<string>(out var s))
            {
                _id = s;
                _model = chunk["model"] is JsonValue m && m.TryGetValue<string>(out var ms) ? ms : null;
                _created = chunk["created"] is JsonValue c && c.TryGetValue<long>(out var cs) ? cs : 0;
            }
        }

        public void CaptureUsage(JsonObject chunk)
        {
            if (chunk["usage"] is JsonObject usage)
            {
                PromptTokens = usage["prompt_tokens"] is JsonValue p && p.TryGetValue<long>(out var pt) ? pt : PromptTokens;
                CompletionTokens = usage["completion_tokens"] is JsonValue c && c.TryGetValue<long>(out var ct) ? ct : CompletionTokens;
            }
        }

        public JsonObject SyntheticChunk(int index, JsonObject delta, string? finishReason, ChatRequest request) => new()
        {
            ["id"] = _id ?? "chatcmpl-" + request.Context.RequestId,
            ["object"] = "chat.completion.chunk",
            ["created"] = _created,
            ["model"] = _model ?? request.Context.Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = index, ["delta"] = delta, ["finish_reason"] = finishReason }),
        };
    }
}

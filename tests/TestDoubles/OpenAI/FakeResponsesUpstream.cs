using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TestDoubles.OpenAI;

/// <summary>A real server on a loopback port that speaks OpenAI's Responses API (<c>POST /v1/responses</c>), plain
/// or as the Responses event stream: records every request and answers by script (queued <see cref="FakeReply"/>s,
/// else the <c>[[reply:TEXT]]</c> marker of the last user input), text or one function call.</summary>
public sealed partial class FakeResponsesUpstream : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _calls;

    private FakeResponsesUpstream()
    {
    }

    /// <summary>Base URL ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IEnumerable<RecordedRequest> ResponsesRequests => Requests.Where(r => r.Path.EndsWith("/responses", StringComparison.Ordinal));

    public FakeReply DefaultReply { get; set; } = new();

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var r in replies)
        {
            _script.Enqueue(r);
        }
    }

    public void Clear()
    {
        _requests.Clear();
        _script.Clear();
    }

    public static async Task<FakeResponsesUpstream> StartAsync()
    {
        var fake = new FakeResponsesUpstream();
        (fake._app, fake.BaseUrl) = await LoopbackUpstream.StartAsync(fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    /// <summary>One Responses SSE event (<c>event:</c> and <c>data:</c> lines).</summary>
    public static string Event(string type, JsonObject payload)
    {
        payload["type"] = type;
        return $"event: {type}\ndata: {payload.ToJsonString()}\n\n";
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await LoopbackUpstream.RecordAsync(http, _requests).ConfigureAwait(false);
        if (!(http.Request.Path.Value ?? string.Empty).EndsWith("/responses", StringComparison.Ordinal))
        {
            await LoopbackUpstream.WriteJsonAsync(http, 404, Error("not found")).ConfigureAwait(false);
            return;
        }

        var request = JsonNode.Parse(body) as JsonObject ?? [];
        var reply = _script.TryDequeue(out var scripted) ? scripted : DefaultReply;
        var n = Interlocked.Increment(ref _calls);
        try
        {
            if (reply.Write is { } write)
            {
                await write(http.Response, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (reply.FailStatus is { } status)
            {
                await LoopbackUpstream.WriteJsonAsync(http, status, Error("scripted failure")).ConfigureAwait(false);
                return;
            }

            var text = reply.Text ?? MarkerReply(request) ?? "ok";
            var model = request["model"]?.GetValue<string>() ?? "fake-model";
            var ids = new Ids($"resp_fake_{n}", $"msg_fake_{n}", $"fc_fake_{n}");
            if (request["stream"]?.GetValueKind() == JsonValueKind.True)
            {
                await StreamAsync(http, reply, text, model, ids).ConfigureAwait(false);
            }
            else
            {
                await LoopbackUpstream.WriteJsonAsync(http, 200, Response(ids, model, "completed", [Item(reply, text, ids, done: true)], Usage())).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
        catch (IOException)
        {
        }
    }

    private sealed record Ids(string Response, string Message, string Call);

    private static JsonObject Item(FakeReply reply, string text, Ids ids, bool done) => reply.ToolCall is { } call
        ? new JsonObject
        {
            ["id"] = ids.Call,
            ["type"] = "function_call",
            ["status"] = done ? "completed" : "in_progress",
            ["call_id"] = "call_fake_1",
            ["name"] = call.Name,
            ["arguments"] = done ? call.Arguments : string.Empty,
        }
        : new JsonObject
        {
            ["id"] = ids.Message,
            ["type"] = "message",
            ["status"] = done ? "completed" : "in_progress",
            ["role"] = "assistant",
            ["content"] = done ? new JsonArray(Text(text)) : new JsonArray(),
        };

    private static JsonObject Text(string text) => new() { ["type"] = "output_text", ["text"] = text, ["annotations"] = new JsonArray() };

    private static JsonObject Usage() => new()
    {
        ["input_tokens"] = 11,
        ["input_tokens_details"] = new JsonObject { ["cached_tokens"] = 0 },
        ["output_tokens"] = 7,
        ["output_tokens_details"] = new JsonObject { ["reasoning_tokens"] = 0 },
        ["total_tokens"] = 18,
    };

    private static JsonObject Response(Ids ids, string model, string status, JsonArray output, JsonObject? usage) => new()
    {
        ["id"] = ids.Response,
        ["object"] = "response",
        ["created_at"] = 1_700_000_000,
        ["status"] = status,
        ["error"] = null,
        ["incomplete_details"] = null,
        ["model"] = model,
        ["output"] = output,
        ["parallel_tool_calls"] = true,
        ["tool_choice"] = "auto",
        ["tools"] = new JsonArray(),
        ["usage"] = usage,
        ["metadata"] = new JsonObject(),
    };

    private static async Task StreamAsync(HttpContext http, FakeReply reply, string text, string model, Ids ids)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        var ct = http.RequestAborted;
        var sequence = 0;
        async Task Send(string type, JsonObject payload)
        {
            payload["sequence_number"] = sequence++;
            await http.Response.WriteAsync(Event(type, payload), ct).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }

        await Send("response.created", new JsonObject { ["response"] = Response(ids, model, "in_progress", [], null) }).ConfigureAwait(false);
        await Send("response.in_progress", new JsonObject { ["response"] = Response(ids, model, "in_progress", [], null) }).ConfigureAwait(false);
        await Send("response.output_item.added", new JsonObject { ["output_index"] = 0, ["item"] = Item(reply, text, ids, done: false) }).ConfigureAwait(false);
        var whole = reply.ToolCall?.Arguments ?? text;
        if (reply.ToolCall is null)
        {
            await Send("response.content_part.added", new JsonObject
            {
                ["item_id"] = ids.Message, ["output_index"] = 0, ["content_index"] = 0, ["part"] = Text(string.Empty),
            }).ConfigureAwait(false);
        }

        for (var i = 0; i < whole.Length; i += reply.ChunkSize)
        {
            var piece = whole.Substring(i, Math.Min(reply.ChunkSize, whole.Length - i));
            await Send(reply.ToolCall is null ? "response.output_text.delta" : "response.function_call_arguments.delta", new JsonObject
            {
                ["item_id"] = reply.ToolCall is null ? ids.Message : ids.Call, ["output_index"] = 0, ["content_index"] = 0, ["delta"] = piece,
            }).ConfigureAwait(false);
            if (reply.HangAfterFirstChunk)
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }

            if (reply.DelayBetweenChunks > TimeSpan.Zero)
            {
                await Task.Delay(reply.DelayBetweenChunks, ct).ConfigureAwait(false);
            }
        }

        if (reply.ToolCall is { } call)
        {
            await Send("response.function_call_arguments.done", new JsonObject
            {
                ["item_id"] = ids.Call, ["output_index"] = 0, ["name"] = call.Name, ["arguments"] = call.Arguments,
            }).ConfigureAwait(false);
        }
        else
        {
            await Send("response.output_text.done", new JsonObject
            {
                ["item_id"] = ids.Message, ["output_index"] = 0, ["content_index"] = 0, ["text"] = text,
            }).ConfigureAwait(false);
            await Send("response.content_part.done", new JsonObject
            {
                ["item_id"] = ids.Message, ["output_index"] = 0, ["content_index"] = 0, ["part"] = Text(text),
            }).ConfigureAwait(false);
        }

        var item = Item(reply, text, ids, done: true);
        await Send("response.output_item.done", new JsonObject { ["output_index"] = 0, ["item"] = item.DeepClone() }).ConfigureAwait(false);
        await Send("response.completed", new JsonObject { ["response"] = Response(ids, model, "completed", [item], Usage()) }).ConfigureAwait(false);
    }

    /// <summary>The reply marker in the last user input (a string input, or the last user message's text).</summary>
    private static string? MarkerReply(JsonObject request)
    {
        var input = request["input"];
        string text;
        if (input?.GetValueKind() == JsonValueKind.String)
        {
            text = input.GetValue<string>();
        }
        else
        {
            var lastUser = (input as JsonArray ?? []).OfType<JsonObject>().LastOrDefault(i => i["role"]?.GetValue<string>() == "user");
            var content = lastUser?["content"];
            text = content?.GetValueKind() == JsonValueKind.String
                ? content.GetValue<string>()
                : string.Concat((content as JsonArray ?? []).Select(p => p?["text"]?.GetValue<string>() ?? string.Empty));
        }

        return LoopbackUpstream.ReplyIn(text);
    }

    private static JsonObject Error(string message) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["param"] = null, ["code"] = null } };


    public ValueTask DisposeAsync() => LoopbackUpstream.StopAsync(_app);
}

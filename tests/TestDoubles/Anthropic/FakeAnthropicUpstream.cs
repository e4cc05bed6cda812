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
using TestDoubles.OpenAI;

namespace TestDoubles.Anthropic;

/// <summary>A real Anthropic Messages server on a loopback port: checks <c>x-api-key</c> (401 otherwise) and
/// <c>anthropic-version</c> (400 without), records every request, and answers by script
/// (<see cref="FakeAnthropicReply"/>), plain or as the Messages event stream with <c>event:</c> lines.</summary>
public sealed partial class FakeAnthropicUpstream : IAsyncDisposable
{
    public const string ApiKey = "sk-ant-fake-upstream";

    private WebApplication _app = null!;
    private readonly ConcurrentQueue<FakeAnthropicReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _calls;

    private FakeAnthropicUpstream()
    {
    }

    /// <summary>Base URL ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public void Enqueue(params FakeAnthropicReply[] replies)
    {
        foreach (var r in replies)
        {
            _script.Enqueue(r);
        }
    }

    public static async Task<FakeAnthropicUpstream> StartAsync()
    {
        var fake = new FakeAnthropicUpstream();
        (fake._app, fake.BaseUrl) = await LoopbackUpstream.StartAsync(fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await LoopbackUpstream.RecordAsync(http, _requests).ConfigureAwait(false);
        if (http.Request.Path.Value?.EndsWith("/v1/messages", StringComparison.Ordinal) != true)
        {
            await LoopbackUpstream.WriteJsonAsync(http, 404, Error("not_found_error", "not found")).ConfigureAwait(false);
            return;
        }

        if (http.Request.Headers["x-api-key"].ToString() != ApiKey)
        {
            await LoopbackUpstream.WriteJsonAsync(http, 401, Error("authentication_error", "invalid x-api-key")).ConfigureAwait(false);
            return;
        }

        if (string.IsNullOrEmpty(http.Request.Headers["anthropic-version"].ToString()))
        {
            await LoopbackUpstream.WriteJsonAsync(http, 400, Error("invalid_request_error", "anthropic-version header is required")).ConfigureAwait(false);
            return;
        }

        var request = JsonNode.Parse(body) as JsonObject ?? [];
        if (request["max_tokens"] is null)
        {
            await LoopbackUpstream.WriteJsonAsync(http, 400, Error("invalid_request_error", "max_tokens: Field required")).ConfigureAwait(false);
            return;
        }

        var n = Interlocked.Increment(ref _calls);
        var reply = _script.TryDequeue(out var scripted) ? scripted : new FakeAnthropicReply();
        if (reply.FailStatus is { } status)
        {
            await LoopbackUpstream.WriteJsonAsync(http, status, Error(status == 529 ? "overloaded_error" : "api_error", "scripted failure")).ConfigureAwait(false);
            return;
        }

        var text = reply.Text ?? MarkerReply(request) ?? (reply.ToolUse is null ? "ok" : null);
        var id = "msg_fake_" + n;
        var model = request["model"]?.GetValue<string>() ?? "claude-fake";
        var stop = reply.StopReason ?? (reply.ToolUse is null ? "end_turn" : "tool_use");
        try
        {
            if (request["stream"]?.GetValueKind() == JsonValueKind.True)
            {
                await StreamAsync(http, reply, text, id, model, stop).ConfigureAwait(false);
            }
            else
            {
                await LoopbackUpstream.WriteJsonAsync(http, 200, Message(reply, text, id, model, stop)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
        }
    }

    private static JsonObject Message(FakeAnthropicReply reply, string? text, string id, string model, string stop)
    {
        var content = new JsonArray();
        if (reply.Thinking is { } thinking)
        {
            content.Add(new JsonObject { ["type"] = "thinking", ["thinking"] = thinking.Text, ["signature"] = thinking.Signature });
        }

        if (text is not null)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        }

        if (reply.ToolUse is { } tool)
        {
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_fake_1", ["name"] = tool.Name, ["input"] = JsonNode.Parse(tool.InputJson) });
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = content,
            ["stop_reason"] = stop,
            ["stop_sequence"] = reply.StopSequence,
            ["usage"] = new JsonObject { ["input_tokens"] = 13, ["output_tokens"] = 5 },
        };
    }

    private static async Task StreamAsync(HttpContext http, FakeAnthropicReply reply, string? text, string id, string model, string stop)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        var ct = http.RequestAborted;
        async Task Send(string type, JsonObject data)
        {
            var payload = new JsonObject { ["type"] = type };
            foreach (var (k, v) in data.ToList())
            {
                data.Remove(k);
                payload[k] = v;
            }

            await http.Response.WriteAsync($"event: {type}\ndata: {payload.ToJsonString()}\n\n", ct).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }

        var message = Message(reply, null, id, model, stop);
        message["content"] = new JsonArray();
        message["stop_reason"] = null;
        message["stop_sequence"] = null;
        message["usage"] = new JsonObject { ["input_tokens"] = 13, ["output_tokens"] = 1 };
        await Send("message_start", new JsonObject { ["message"] = message }).ConfigureAwait(false);
        await Send("ping", []).ConfigureAwait(false);
        var index = 0;
        if (reply.Thinking is { } thinking)
        {
            await Send("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = "", ["signature"] = "" } }).ConfigureAwait(false);
            foreach (var part in Chunks(thinking.Text, reply.ChunkSize))
            {
                await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = part } }).ConfigureAwait(false);
            }

            await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "signature_delta", ["signature"] = thinking.Signature } }).ConfigureAwait(false);
            await Send("content_block_stop", new JsonObject { ["index"] = index }).ConfigureAwait(false);
            index++;
        }

        if (text is not null)
        {
            await Send("content_block_start", new JsonObject { ["index"] = index, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }).ConfigureAwait(false);
            foreach (var part in Chunks(text, reply.ChunkSize))
            {
                await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = part } }).ConfigureAwait(false);
                if (reply.StreamErrorType is { } errorType)
                {
                    await Send("error", new JsonObject { ["error"] = new JsonObject { ["type"] = errorType, ["message"] = "scripted stream failure" } }).ConfigureAwait(false);
                    return;
                }
            }

            await Send("content_block_stop", new JsonObject { ["index"] = index }).ConfigureAwait(false);
            index++;
        }

        if (reply.ToolUse is { } tool)
        {
            await Send("content_block_start", new JsonObject
            {
                ["index"] = index,
                ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = "toolu_fake_1", ["name"] = tool.Name, ["input"] = new JsonObject() },
            }).ConfigureAwait(false);
            foreach (var part in Chunks(tool.InputJson, reply.ChunkSize))
            {
                await Send("content_block_delta", new JsonObject { ["index"] = index, ["delta"] = new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = part } }).ConfigureAwait(false);
            }

            await Send("content_block_stop", new JsonObject { ["index"] = index }).ConfigureAwait(false);
        }

        await Send("message_delta", new JsonObject
        {
            ["delta"] = new JsonObject { ["stop_reason"] = stop, ["stop_sequence"] = reply.StopSequence },
            ["usage"] = new JsonObject { ["output_tokens"] = 5 },
        }).ConfigureAwait(false);
        await Send("message_stop", []).ConfigureAwait(false);
    }

    private static IEnumerable<string> Chunks(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static string? MarkerReply(JsonObject request)
    {
        var last = (request["messages"] as JsonArray ?? []).LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        var content = last?["content"];
        var text = content?.GetValueKind() == JsonValueKind.String
            ? content.GetValue<string>()
            : string.Concat((content as JsonArray ?? []).Select(b => b?["type"]?.GetValue<string>() == "text" ? b["text"]?.GetValue<string>() : string.Empty));
        return LoopbackUpstream.ReplyIn(text);
    }

    private static JsonObject Error(string type, string message) =>
        new() { ["type"] = "error", ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };


    public ValueTask DisposeAsync() => LoopbackUpstream.StopAsync(_app);
}

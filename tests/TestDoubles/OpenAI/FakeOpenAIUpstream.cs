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

/// <summary>A real OpenAI-compatible server on a loopback port: records every request and answers by script
/// (queued <see cref="FakeReply"/>s, else the <c>[[reply:TEXT]]</c> marker), plain or streamed as asked.</summary>
public sealed partial class FakeOpenAIUpstream : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _aborted;
    private int _chatCalls;

    private FakeOpenAIUpstream()
    {
    }

    /// <summary>Base URL ending in <c>/v1</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public IEnumerable<RecordedRequest> ChatRequests => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    /// <summary>Chat calls whose client went away before the answer ended.</summary>
    public int AbortedRequests => Volatile.Read(ref _aborted);

    public int ChatCalls => Volatile.Read(ref _chatCalls);

    /// <summary>Default reply for calls with no scripted reply left.</summary>
    public FakeReply DefaultReply { get; set; } = new();

    /// <summary>Consulted first for every chat call: a reply for this request, or null for the script/default.</summary>
    public Func<JsonObject, FakeReply?>? Responder { get; set; }

    /// <summary>Models listed by <c>/v1/models</c>.</summary>
    public IReadOnlyList<string> Models { get; set; } = ["fake-model"];

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

    public static async Task<FakeOpenAIUpstream> StartAsync()
    {
        var fake = new FakeOpenAIUpstream();
        (fake._app, fake.BaseUrl) = await LoopbackUpstream.StartAsync(fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var body = await LoopbackUpstream.RecordAsync(http, _requests).ConfigureAwait(false);
        var path = http.Request.Path.Value ?? string.Empty;
        if (path.EndsWith("/models", StringComparison.Ordinal))
        {
            await LoopbackUpstream.WriteJsonAsync(http, 200, new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(Models.Select(m => (JsonNode)new JsonObject { ["id"] = m, ["object"] = "model", ["owned_by"] = "fake" }).ToArray()),
            }).ConfigureAwait(false);
            return;
        }

        var modelAt = path.LastIndexOf("/models/", StringComparison.Ordinal);
        if (modelAt >= 0 && http.Request.Method == HttpMethods.Get)
        {
            var id = Uri.UnescapeDataString(path[(modelAt + "/models/".Length)..]);
            await LoopbackUpstream.WriteJsonAsync(http, Models.Contains(id) ? 200 : 404, Models.Contains(id)
                ? new JsonObject { ["id"] = id, ["object"] = "model", ["owned_by"] = "fake" }
                : Error($"The model '{id}' does not exist")).ConfigureAwait(false);
            return;
        }

        if (!path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await LoopbackUpstream.WriteJsonAsync(http, 404, Error("not found")).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _chatCalls);
        var request = JsonNode.Parse(body) as JsonObject ?? [];
        var reply = Responder?.Invoke(request) ?? (_script.TryDequeue(out var scripted) ? scripted : DefaultReply);
        try
        {
            if (reply.DelayBeforeHeaders > TimeSpan.Zero)
            {
                await Task.Delay(reply.DelayBeforeHeaders, http.RequestAborted).ConfigureAwait(false);
            }

            if (reply.Write is { } write)
            {
                await write(http.Response, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (reply.FailStatus is { } status)
            {
                if (reply.RetryAfter is not null)
                {
                    http.Response.Headers.RetryAfter = reply.RetryAfter;
                }

                await LoopbackUpstream.WriteJsonAsync(http, status, Error("scripted failure")).ConfigureAwait(false);
                return;
            }

            var text = reply.Text ?? MarkerReply(request) ?? "ok";
            var model = request["model"]?.GetValue<string>() ?? "fake-model";
            var id = "chatcmpl-fake-" + ChatCalls;
            if (request["stream"]?.GetValueKind() == JsonValueKind.True)
            {
                await StreamAsync(http, reply, text, model, id, request).ConfigureAwait(false);
            }
            else
            {
                await LoopbackUpstream.WriteJsonAsync(http, 200, reply.RawAnswer ?? Answer(reply, text, model, id)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            Interlocked.Increment(ref _aborted);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _aborted);
        }
    }

    private static JsonObject Answer(FakeReply reply, string text, string model, string id)
    {
        var message = new JsonObject { ["role"] = "assistant" };
        if (reply.ToolCall is { } call)
        {
            message["content"] = null;
            message["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = "call_1",
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
            });
        }
        else
        {
            message["content"] = text;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = reply.ToolCall is null ? "stop" : "tool_calls",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 11, ["completion_tokens"] = 7, ["total_tokens"] = 18 },
        };
    }

    private async Task StreamAsync(HttpContext http, FakeReply reply, string text, string model, string id, JsonObject request)
    {
        http.Response.StatusCode = 200;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var ct = http.RequestAborted;
        async Task Send(JsonObject delta, string? finish, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = 1_700_000_000,
                ["model"] = model,
                ["choices"] = usage is null ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }) : new JsonArray(),
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }

            await http.Response.WriteAsync("data: " + chunk.ToJsonString() + "\n\n", ct).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }

        await Send(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null).ConfigureAwait(false);
        if (reply.HangAfterFirstChunk)
        {
            await Send(new JsonObject { ["content"] = text[..Math.Min(text.Length, reply.ChunkSize)] }, null).ConfigureAwait(false);
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }

        for (var i = 0; i < text.Length; i += reply.ChunkSize)
        {
            await Send(new JsonObject { ["content"] = text.Substring(i, Math.Min(reply.ChunkSize, text.Length - i)) }, null).ConfigureAwait(false);
            if (reply.DelayBetweenChunks > TimeSpan.Zero)
            {
                await Task.Delay(reply.DelayBetweenChunks, ct).ConfigureAwait(false);
            }
        }

        await Send([], "stop").ConfigureAwait(false);
        if (request["stream_options"] is JsonObject so && so["include_usage"]?.GetValueKind() == JsonValueKind.True)
        {
            await Send([], null, new JsonObject { ["prompt_tokens"] = 11, ["completion_tokens"] = 7, ["total_tokens"] = 18 }).ConfigureAwait(false);
        }

        await http.Response.WriteAsync("data: [DONE]\n\n", ct).ConfigureAwait(false);
    }

    private static string? MarkerReply(JsonObject request)
    {
        var messages = request["messages"] as JsonArray ?? [];
        var lastUser = messages.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        var content = lastUser?["content"];
        var text = content?.GetValueKind() == JsonValueKind.String
            ? content.GetValue<string>()
            : string.Concat((content as JsonArray ?? []).Select(p => p?["text"]?.GetValue<string>() ?? string.Empty));
        return LoopbackUpstream.ReplyIn(text)?.Replace("\\n", "\n", StringComparison.Ordinal);
    }

    private static JsonObject Error(string message) =>
        new() { ["error"] = new JsonObject { ["message"] = message, ["type"] = "server_error", ["code"] = null } };


    public ValueTask DisposeAsync() => LoopbackUpstream.StopAsync(_app);
}

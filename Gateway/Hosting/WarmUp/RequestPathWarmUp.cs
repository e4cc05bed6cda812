using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Gateway.Upstream;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Memory.Retrieval;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting.WarmUp;

/// <summary>Once the server listens, sends the gateway its own calls over loopback HTTP — through Kestrel, the
/// middleware, the whole chat pipeline (memory retrieval, prompt, guardrails, the upstream client) and back — against
/// the built-in upstream, so the runtime compiles the hot paths at its top tier before <c>/healthz</c> says the
/// gateway serves. The personalized calls use a scratch user of the warm-up tenant with synthetic memories, erased at
/// the end through the same erasure as <c>DELETE /v1/users/{id}</c>. Their turns are written back like any others
/// (the consolidation's LLM calls name <see cref="WarmUpGate.Model"/> and go to the built-in upstream too); nothing
/// reaches a configured upstream. With an embedder outside the process (<c>openai</c>) its calls carry no user, so it
/// sends no text to an embeddings API. Without a loopback-reachable HTTP address (e.g. a test server) it only opens
/// the gate.</summary>
internal sealed partial class RequestPathWarmUp(
    WarmUpGate gate,
    QueryEmbeddingPrefetch embedding,
    IOptions<WarmUpOptions> options,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<RequestPathWarmUp> logger) : BackgroundService
{
    /// <summary>Synthetic memories of the warm-up user: enough for every retrieval stage to have work.</summary>
    private const int Memories = 64;

    /// <summary>Ticks of 100 ms without a method compiled that count as the runtime's compilation having settled
    /// (one tick is not enough: a method's promotion waits out a 100 ms call-counting delay).</summary>
    private const int JitQuietTicks = 3;

    /// <summary>The warm-up gives up after this many failed calls (a bug or a broken setting, not a slow machine).</summary>
    private const int MaxFailures = 5;

    private int _calls;
    private int _failed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (gate.Finished)
        {
            return;
        }

        var started = time.GetTimestamp();
        string? skipped = null;
        try
        {
            await WhenStartedAsync(stoppingToken).ConfigureAwait(false);
            started = time.GetTimestamp();
            var address = LoopbackAddress(server.Features.Get<IServerAddressesFeature>()?.Addresses);
            if (address is null)
            {
                skipped = "no loopback-reachable http address";
                LogSkipped(logger, skipped);
                return;
            }

            gate.Upstream = UpstreamServiceCollectionExtensions.WarmUpEndpoint(new Uri(address, WarmUpGate.UpstreamPath + "/v1"), gate.Token);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(options.Value.MaxSeconds));
            using var client = CreateClient(address, gate.Token);
            // A scratch user only when the embedder runs here: the warm-up sends no text to an embeddings API.
            var user = embedding.EmbedsInProcess ? "warm-up-" + Guid.NewGuid().ToString("N")[..12] : null;
            try
            {
                await RunAsync(client, user, options.Value.Rounds, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                skipped = "stopped at WarmUp:MaxSeconds";
            }
            finally
            {
                await EraseAsync(client, user).ConfigureAwait(false);
            }

            // Whatever is left of WarmUp:MaxSeconds: the runtime's top-tier compilation of what the calls ran.
            var left = TimeSpan.FromSeconds(options.Value.MaxSeconds) - time.GetElapsedTime(started);
            await JitQuietAsync(left, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            skipped = "ended early: " + e.GetType().Name;
            LogEndedEarly(logger, e);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            gate.Finish(new WarmUpReport(_calls, _failed, elapsed, skipped), time.GetTimestamp());
            if (_calls > 0)
            {
                LogWarmedUp(logger, _calls, _failed, (long)elapsed.TotalMilliseconds, skipped ?? "complete");
            }
        }
    }

    /// <summary>Erases the scratch user through the gateway's own erasure (memories, pending turns, audit keys).</summary>
    private async Task EraseAsync(HttpClient client, string? user)
    {
        if (user is null)
        {
            return;
        }

        // Not the warm-up's deadline: the scratch user must not outlive the warm-up.
        using var erase = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.DeleteAsync($"v1/users/{user}", erase.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            LogFailed(logger, "erasure of the scratch user", (int)response.StatusCode);
        }
    }

    private async Task RunAsync(HttpClient client, string? user, int rounds, CancellationToken cancellationToken)
    {
        async Task SendAsync(string path, JsonObject body)
        {
            _calls++;
            using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                _failed++;
                LogFailed(logger, path, (int)response.StatusCode);
                if (_failed >= MaxFailures)
                {
                    throw new InvalidOperationException($"{_failed} warm-up calls failed");
                }
            }
        }

        var memories = new JsonArray();
        for (var i = 0; i < Memories; i++)
        {
            memories.Add(new JsonObject { ["text"] = $"Warm-up fact {i}: likes topic {i} and subject {i * 7 % 97}.", ["context"] = "chat", ["confidence"] = 0.8 });
        }

        if (user is not null)
        {
            await SendAsync($"v1/users/{user}/memories", new JsonObject { ["memories"] = memories }).ConfigureAwait(false);
        }

        for (var i = 0; i < rounds; i++)
        {
            var question = string.Create(CultureInfo.InvariantCulture, $"What do I like about subject {i} and topic {i * 13 % 1000}?");
            await SendAsync("v1/chat/completions", Chat(question, null, stream: i % 8 == 4)).ConfigureAwait(false);
            if (user is not null)
            {
                await SendAsync("v1/chat/completions", Chat(question, user, stream: i % 8 == 0)).ConfigureAwait(false);
            }

            switch (i % 16)
            {
                case 2:
                    var responses = new JsonObject { ["model"] = WarmUpGate.Model, ["input"] = question, ["stream"] = i % 32 == 2 };
                    if (user is not null)
                    {
                        responses["user"] = user;
                    }

                    await SendAsync("v1/responses", responses).ConfigureAwait(false);
                    break;
                case 6:
                    var messages = new JsonObject
                    {
                        ["model"] = WarmUpGate.Model,
                        ["max_tokens"] = 64,
                        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
                        ["stream"] = i % 32 == 6,
                    };
                    if (user is not null)
                    {
                        messages["metadata"] = new JsonObject { ["user_id"] = user };
                    }

                    await SendAsync("v1/messages", messages).ConfigureAwait(false);
                    break;
                case 10 when user is not null:
                    await SendAsync($"v1/users/{user}/memories/search", new JsonObject { ["query"] = question, ["limit"] = 10 }).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static JsonObject Chat(string question, string? user, bool stream)
    {
        var body = new JsonObject
        {
            ["model"] = WarmUpGate.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        if (user is not null)
        {
            body["user"] = user;
        }

        if (stream)
        {
            body["stream"] = true;
        }

        return body;
    }

    /// <summary>The runtime compiles hot methods at its top tier in the background after they have been called
    /// often enough, and after a warm-up of this size that is thousands of methods, seconds of one core. Waits
    /// until that compilation has settled (no method compiled for <see cref="JitQuietTicks"/> ticks of 100 ms in a
    /// row) or <paramref name="limit"/> has passed, so the gate opens on optimized code and the first real calls
    /// do not share the machine with the compiler.</summary>
    private async Task JitQuietAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromMilliseconds(100);
        var started = time.GetTimestamp();
        var last = System.Runtime.JitInfo.GetCompiledMethodCount();
        var quiet = 0;
        while (quiet < JitQuietTicks && time.GetElapsedTime(started) + tick <= limit)
        {
            await Task.Delay(tick, time, cancellationToken).ConfigureAwait(false);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
    }

    private async Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }
    }

    /// <summary>The first http address the server listens on, as this process can reach it: a wildcard or
    /// <c>localhost</c> host becomes 127.0.0.1 (or ::1 for an IPv6 wildcard); https and unix sockets are skipped.</summary>
    internal static Uri? LoopbackAddress(ICollection<string>? addresses)
    {
        foreach (var address in addresses ?? [])
        {
            // Kestrel reports wildcards as written ("http://+:80", "http://*:80") or as 0.0.0.0 / [::].
            var normalized = address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
            if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Port <= 0)
            {
                continue;
            }

            var host = uri.HostNameType switch
            {
                _ when uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback.ToString(),
                UriHostNameType.IPv4 when IPAddress.Parse(uri.Host).Equals(IPAddress.Any) => IPAddress.Loopback.ToString(),
                UriHostNameType.IPv6 when IPAddress.Parse(uri.Host).Equals(IPAddress.IPv6Any) => "[::1]",
                UriHostNameType.IPv4 or UriHostNameType.IPv6 => uri.Host,
                _ => null,
            };
            if (host is not null)
            {
                return new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{host}:{uri.Port}/"));
            }
        }

        return null;
    }

    private static HttpClient CreateClient(Uri address, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        client.DefaultRequestHeaders.TryAddWithoutValidation(WarmUpGate.Header, token);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    [LoggerMessage(GatewayEventIds.RequestPathWarmedUp, LogLevel.Information, "Warmed up the request path with {Calls} calls to itself ({Failed} failed) in {ElapsedMs} ms ({Outcome}); health now reports the gateway serving.", EventName = "RequestPathWarmedUp")]
    private static partial void LogWarmedUp(ILogger logger, int calls, int failed, long elapsedMs, string outcome);

    [LoggerMessage(GatewayEventIds.RequestPathWarmUpSkipped, LogLevel.Information, "Request-path warm-up not run: {Reason}.", EventName = "RequestPathWarmUpSkipped")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(GatewayEventIds.RequestPathWarmUpFailed, LogLevel.Warning, "A warm-up call to {Path} answered {Status}.", EventName = "RequestPathWarmUpCallFailed")]
    private static partial void LogFailed(ILogger logger, string path, int status);

    [LoggerMessage(GatewayEventIds.RequestPathWarmUpEndedEarly, LogLevel.Warning, "Request-path warm-up ended early; the first requests may be slower.", EventName = "RequestPathWarmUpEndedEarly")]
    private static partial void LogEndedEarly(ILogger logger, Exception exception);
}

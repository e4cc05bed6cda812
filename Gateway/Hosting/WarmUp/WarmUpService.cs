using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Auth;
using Gateway.Diagnostics;
using Gateway.Pipeline;
using Gateway.Prompts;
using Gateway.Upstream;
using Guardrails.Abstractions;
using Memory.Stores;
using Memory.Text;
using Microsoft.Extensions.AI;

namespace Gateway.Hosting.WarmUp;

/// <summary>Runs before the server accepts requests: loads and exercises the embedding model once, loads the
/// tiktoken encodings, runs every guardrail check once and opens the memory store, so the first personalized request pays none of it.</summary>
internal sealed partial class WarmUpService(
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    ITokenCounter tokens,
    IMemoryStore store,
    IPromptAssembler assembler,
    IGuardrailPipeline guardrails,
    UpstreamClient upstreams,
    UpstreamRegistry registry,
    ILogger<WarmUpService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            // The tiktoken encodings the served models need (each holds ~50 MB): cl100k, the one for model names it
            // does not know, and o200k only when a configured model uses it; an unlisted gpt-4o loads it on first use.
            foreach (var model in registry.All.SelectMany(u => u.Models).Select(m => m.TrimEnd('*')).Where(m => m.Length > 0).Append("gpt-4"))
            {
                tokens.Count("warm up", model);
            }
            await store.IsReadyAsync(cancellationToken).ConfigureAwait(false);
            await embedder.GenerateAsync(["warm up the embedding model"], cancellationToken: cancellationToken).ConfigureAwait(false);

            // One read-only pass through memory selection and template rendering for a user that has no memories.
            var context = new ChatRequestContext
            {
                RequestId = "warm-up",
                Caller = new CallerIdentity("__warm-up__", null, new HashSet<string>()),
                UserId = "warm-up",
                MemoryContext = "chat",
                Model = "gpt-4",
                Canary = "warm-up",
                MemoryEnabled = true,
            };
            await AssembleAsWarmUpAsync(context, cancellationToken).ConfigureAwait(false);

            // Every guardrail check once per stage, plain and streamed, on a text none of them flags (nothing is audited):
            // their patterns are built and compiled here, not inside the first request's check time budget, which a
            // cold start could otherwise overrun into a fail-closed guardrail.error.
            var probe = new GuardrailRequestContext { RequestId = "warm-up", Tenant = "__warm-up__" };
            foreach (var stage in Enum.GetValues<GuardrailStage>())
            {
                await guardrails.CheckAsync(stage, "Warm up the checks with plain words, a date 2024-01-01 and a number 42.", probe, cancellationToken).ConfigureAwait(false);
            }

            await guardrails.CheckToolArgumentsAsync("{\"city\":\"Lisbon\"}", probe, cancellationToken).ConfigureAwait(false);
            var stream = guardrails.BeginStream(probe);
            await stream.PushAsync("Warm up the streamed ", cancellationToken).ConfigureAwait(false);
            await stream.CompleteAsync(cancellationToken).ConfigureAwait(false);

            // The request path's parsing and serialisation, and the upstream clients with their resilience
            // pipelines (a models listing costs no tokens; an upstream that is down or slow only ends the warm-up).
            var (request, _) = ChatRequestReader.Validate(JsonNode.Parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), new DefaultHttpContext());
            _ = JsonSerializer.SerializeToUtf8Bytes(request!.Body);
            using var quick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quick.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                var (response, _, _) = await upstreams.GetAsync("models", quick.Token).ConfigureAwait(false);
                response?.Dispose();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, e);
        }

        LogWarmedUp(logger, (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>In the warm-up's scope: a cold first query embedding that misses the retrieval deadline is not
    /// counted against the gateway (the scope ends with this method).</summary>
    private async Task AssembleAsWarmUpAsync(ChatRequestContext context, CancellationToken cancellationToken)
    {
        WarmUpScope.Enter();
        await assembler.AssembleAsync(context, [new JsonObject { ["role"] = "user", ["content"] = "hello" }], cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(GatewayEventIds.WarmedUp, LogLevel.Information, "Warmed up the embedder, tokenizers, memory store and prompt path in {ElapsedMs} ms.", EventName = "WarmedUp")]
    private static partial void LogWarmedUp(ILogger logger, long elapsedMs);

    [LoggerMessage(GatewayEventIds.WarmUpFailed, LogLevel.Warning, "Warm-up failed; the first requests may be slower.", EventName = "WarmUpFailed")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}

using System.Diagnostics;
using System.Text.Json;
using Gateway.Diagnostics;
using Gateway.Upstream;

namespace Gateway.Pipeline;

/// <summary>The chat request path, stage by stage in one visible order: read and validate → input guardrails →
/// memory injection → forward to the upstreams → output guardrails and write-back (plain or streamed).
/// Linked to <see cref="HttpContext.RequestAborted"/> throughout, so a client that leaves stops the upstream call.</summary>
internal sealed class ChatCompletionHandler(
    InputGuardStage inputGuard,
    PromptStage promptStage,
    IServiceProvider services,
    UpstreamClient upstreams,
    PlainCompletionHandler plain,
    StreamingCompletionRelay streaming,
    TurnRecorder recorder,
    GatewayMetrics metrics,
    ILogger<ChatCompletionHandler> logger)
{
    public const string PromptVersionHeader = "X-Prompt-Version";

    private readonly IChatRequestObserver[] _observers = services.GetServices<IChatRequestObserver>().ToArray();

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var cancellationToken = http.RequestAborted;
        using var activity = GatewayMetrics.ActivitySource.StartActivity("chat.completions");
        var (request, error) = await ChatRequestReader.ReadAsync(http, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            await error!.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await recorder.BeginAsync(request, cancellationToken).ConfigureAwait(false);
        var outcome = "error";
        try
        {
            if (await inputGuard.RunAsync(request, cancellationToken).ConfigureAwait(false) is { } blocked)
            {
                outcome = "blocked";
                await blocked.ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            if (request.Context.User is not null)
            {
                await promptStage.RunAsync(request, cancellationToken).ConfigureAwait(false);
            }

            activity?.SetTag("gateway.user_present", request.Context.User is not null);
            activity?.SetTag("gateway.memories", request.Context.InjectedMemories.Count);
            if (request.Context.TemplateVersion is { } version)
            {
                http.Response.Headers[PromptVersionHeader] = request.Context.Variant is { } v ? $"{version};variant={v}" : version;
            }

            // The turn goes to the outbox (and its flush to the disk) while the upstream answers.
            recorder.Open(request);
            var body = JsonSerializer.SerializeToUtf8Bytes(request.Body);
            var (response, upstream, failure) = await upstreams.PostJsonAsync("chat/completions", body, request.Context.Model!, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                outcome = "upstream_" + failure.Kind.ToString().ToLowerInvariant();
                await UpstreamFailureResults.ToResult(failure, http).ExecuteAsync(http).ConfigureAwait(false);
                return;
            }

            using (response)
            {
                activity?.SetTag("gateway.upstream", upstream!.Name);
                var isStream = response!.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream";
                if (isStream)
                {
                    await streaming.RelayAsync(http, response, request, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await plain.HandleAsync(http, response, request, cancellationToken).ConfigureAwait(false);
                }

                outcome = response.IsSuccessStatusCode ? "ok" : "upstream_" + (int)response.StatusCode;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            GatewayLog.ClientCancelled(logger, request.Context.RequestId);
        }
        finally
        {
            recorder.AbandonIfOpen(request);
            metrics.RecordRequest(outcome, request.Stream, request.Context.Variant, Stopwatch.GetElapsedTime(started));
            metrics.RecordTokens(request.Context.PromptTokens, request.Context.CompletionTokens, request.Context.Model);
            foreach (var observer in _observers)
            {
                observer.OnCompleted(request.Context, outcome);
            }
        }
    }
}

/// <summary>Told about every finished chat request (prompt variant statistics, for instance).</summary>
public interface IChatRequestObserver
{
    void OnCompleted(ChatRequestContext request, string outcome);
}

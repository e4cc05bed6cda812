using System.Diagnostics;
using Gateway.Diagnostics;
using Gateway.Upstream;
using Guardrails;
using Memory.Retrieval;
using Microsoft.Extensions.Options;

namespace Gateway.Pipeline;

/// <summary>The chat request path, composed in one visible order: read and validate → input guardrails →
/// memory injection → write-back → output guardrails → forward to the upstreams; then the answer (a refusal, a
/// plain answer or a stream) is written to the client as the stages shaped it. A stage that would do nothing for
/// a request (no user, guardrails off, write-back off) is not inserted. Linked to
/// <see cref="HttpContext.RequestAborted"/> throughout, so a client that leaves stops the upstream call.</summary>
internal sealed class ChatCompletionHandler(
    InputGuardStage inputGuard,
    PromptStage prompt,
    WriteBackStage writeBack,
    OutputGuardStage outputGuard,
    ForwardStage forward,
    TurnRecorder recorder,
    QueryEmbeddingPrefetch queryEmbedding,
    IOptions<GuardrailsOptions> guardrails,
    IEnumerable<IChatRequestObserver> observers,
    UpstreamUserIds upstreamUsers,
    GatewayMetrics metrics,
    ILogger<ChatCompletionHandler> logger)
{
    public const string PromptVersionHeader = "X-Prompt-Version";

    private readonly IChatRequestObserver[] _observers = observers.ToArray();

    /// <summary>The stages a request goes through, outermost first.</summary>
    internal IReadOnlyList<IChatStage> StagesFor(ChatRequest request)
    {
        var guarded = guardrails.Value.Enabled;
        var user = request.Context.User is not null;
        var stages = new List<IChatStage>(4);
        if (guarded)
        {
            stages.Add(inputGuard);
        }

        if (user)
        {
            stages.Add(prompt);
        }

        if (user && writeBack.Enabled)
        {
            stages.Add(writeBack);
        }

        if (guarded)
        {
            stages.Add(outputGuard);
        }

        return stages;
    }

    /// <summary>The stages folded around the forward stage: the first stage is outermost.</summary>
    internal ChatStageDelegate Compose(ChatRequest request)
    {
        ChatStageDelegate pipeline = forward.InvokeAsync;
        var stages = StagesFor(request);
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            var stage = stages[i];
            var next = pipeline;
            pipeline = (r, ct) => stage.InvokeAsync(r, next, ct);
        }

        return pipeline;
    }

    /// <summary>Starts the request's query embedding, unless there is no user, or the input guardrails have yet to see
    /// the text and the embedder is not in this process (the text must not leave before they have).</summary>
    private IDisposable? StartQueryEmbedding(ChatRequest request) =>
        request.Context.User is { } user && (!guardrails.Value.Enabled || queryEmbedding.EmbedsInProcess)
            ? queryEmbedding.Start(user, MessageText.QueryOf(request.Messages))
            : null;

    /// <summary><c>POST /v1/chat/completions</c>: the request read and validated, run, the answer written as chat completions.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var (request, error) = await ChatRequestReader.ReadAsync(http, http.RequestAborted).ConfigureAwait(false);
        if (request is null)
        {
            await error!.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await RunAsync(http, request, ChatAnswerWriter.WriteAsync, started).ConfigureAwait(false);
    }

    /// <summary>Runs a validated request (chat completions form, whichever API the app called) through the stages
    /// and hands the answer to <paramref name="write"/>, the app's API's writer. <paramref name="started"/>: when
    /// the request began to be read (for the duration metric).</summary>
    public async Task RunAsync(HttpContext http, ChatRequest request, AnswerWriter write, long started)
    {
        var cancellationToken = http.RequestAborted;

        // The user fields go upstream as Upstream:ForwardUser says (a pseudonym by default); the stages key memory,
        // write-back and audit by the real id, which the request's context holds.
        upstreamUsers.Apply(request);
        using var activity = GatewayMetrics.ActivitySource.StartActivity(ActivityName(request.Context.Api));

        // The turn's erasure generation first (no I/O in one process; in a cluster one Redis round trip that also
        // brings the user's cache stamp): whatever the request waits on from here on, an erasure after this point wins.
        await recorder.BeginAsync(request, cancellationToken).ConfigureAwait(false);

        // The query embedding starts now: consent, the template frame, BM25, the index fetch, the input guardrails
        // and opening the outbox turn all run beside it.
        using var prefetch = StartQueryEmbedding(request);
        var outcome = "error";
        try
        {
            using var answer = await Compose(request)(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("gateway.user_present", request.Context.User is not null);
            activity?.SetTag("gateway.memories", request.Context.InjectedMemories.Count);
            activity?.SetTag("gateway.upstream", request.Context.UpstreamName);
            if (request.Context.TemplateVersion is { } version)
            {
                http.Response.Headers[PromptVersionHeader] = request.Context.Variant is { } v ? $"{version};variant={v}" : version;
            }

            await write(http, request, answer, cancellationToken).ConfigureAwait(false);
            outcome = request.Context.AnswerOutcome ?? answer.Outcome;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            GatewayLog.ClientCancelled(logger, request.Context.RequestId);
        }
        finally
        {
            // A turn whose answer was never read to its end (the client left first) is abandoned here.
            recorder.AbandonIfOpen(request);
            metrics.RecordRequest(outcome, request.Stream, request.Context.Variant, Stopwatch.GetElapsedTime(started), request.Context.Api);
            metrics.RecordTokens(request.Context.PromptTokens, request.Context.CompletionTokens, request.Context.Model);
            foreach (var observer in _observers)
            {
                observer.OnCompleted(request.Context, outcome);
            }
        }
    }

    private static string ActivityName(ClientApi api) => api switch
    {
        ClientApi.Responses => "responses",
        ClientApi.Messages => "messages",
        _ => "chat.completions",
    };
}

/// <summary>Writes the pipeline's answer (chat completions form) to the client in the API it called.</summary>
internal delegate Task AnswerWriter(HttpContext http, ChatRequest request, ChatAnswer answer, CancellationToken cancellationToken);

/// <summary>Told about every finished chat request (prompt variant statistics, for instance).</summary>
public interface IChatRequestObserver
{
    void OnCompleted(ChatRequestContext request, string outcome);
}

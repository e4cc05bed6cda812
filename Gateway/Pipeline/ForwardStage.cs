using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Apis.Messages;
using Gateway.Diagnostics;
using Gateway.OpenAI;
using Gateway.Upstream;
using Gateway.Upstream.Dialects;

namespace Gateway.Pipeline;

/// <summary>The last stage: sends the request to the upstreams serving its model (retries and fallbacks in
/// <see cref="UpstreamClient"/>) and reads the answer within the limits: a plain body whole, a stream line by
/// line as it arrives. Token usage is read here, once, for plain and streamed answers.</summary>
internal sealed class ForwardStage(UpstreamClient upstreams, UpstreamDialects dialects, UpstreamAnswerReader reader, ILogger<ForwardStage> logger)
{
    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        // Each upstream gets the request in its own API; one that cannot carry it is skipped, and when none can,
        // the app is told which field (a 400), never served with the field dropped.
        UpstreamCall? untranslatable = null;
        var (response, upstream, failure) = await upstreams.PostAsync(u =>
        {
            var call = dialects.For(u.Kind).Prepare(request, u);
            untranslatable ??= call.CanSend ? null : call;
            return call;
        }, request.Context.Model!, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            if (failure.Tried.Count == 0 && untranslatable is not null)
            {
                var field = untranslatable.UntranslatableField!;
                var problem = untranslatable.Problem!;
                return new RefusedAnswer(_ => OpenAIError.BadRequest($"'{field}': {problem}", "unsupported_by_upstream", field), "untranslatable");
            }

            return new RefusedAnswer(http => UpstreamFailureResults.ToResult(failure, http), "upstream_" + failure.Kind.ToString().ToLowerInvariant());
        }

        request.Context.UpstreamName = upstream!.Name;
        var dialect = dialects.For(upstream.Kind);
        if (response!.IsSuccessStatusCode && string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            if (!request.Stream)
            {
                return Invalid(response, request, "it answered a call that asked for one answer with an event stream");
            }

            return new StreamedAnswer(response, ReadStreamAsync(response, request, dialect, cancellationToken));
        }

        var (bytes, cut) = await reader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (cut is not null)
        {
            response.Dispose();
            GatewayLog.UpstreamStreamBroken(logger, request.Context.RequestId, cut.Kind.ToString());
            return new RefusedAnswer(_ => UpstreamFailureResults.ToResult(cut), "upstream_" + cut.Code);
        }

        // A JSON answer with a string no reader could take (bytes that are not UTF-8, an unpaired surrogate escape) is
        // repaired here, so it is guarded and forwarded like any other rather than failing deep in the stages.
        if (bytes!.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{' or (byte)'[', ..])
        {
            bytes = JsonStrings.Sanitize(bytes!);
        }

        if (!response.IsSuccessStatusCode)
        {
            return dialect.ToChatError(bytes!, (int)response.StatusCode) is { } error
                ? new PlainAnswer(response, error, null)
                : new PlainAnswer(response, bytes!, null);
        }

        // A success must be the API's answer: a JSON object (duplicate keys refused: the guardrails and the client
        // must read the same text) with its choices. Anything else is the upstream failing, never passed on unchecked.
        var json = TryParse(bytes!);
        if (json is null)
        {
            return Invalid(response, request, "its answer is not a JSON object");
        }

        if (dialect.Kind != UpstreamKind.Chat)
        {
            // Another API's answer, in chat form for the stages; written from the translation, not the upstream's bytes.
            var translated = dialect.ToChatCompletion(json, request);
            if (translated is null || !HasChoices(translated))
            {
                return Invalid(response, request, $"its answer is not a {upstream.Kind} answer");
            }

            AnswerUsage.Capture(translated, request.Context);
            return new PlainAnswer(response, OpenAI.AnswerJson.Bytes(translated), translated) { Modified = true };
        }

        if (!HasChoices(json))
        {
            // Some servers answer an error object with a 200: its message is the best account of what went wrong.
            return Invalid(response, request, JsonRead.String(json["error"].Field("message")) is { Length: > 0 } message
                ? $"it answered an error with a success status: {message}"
                : "its answer has no choices");
        }

        AnswerUsage.Capture(json, request.Context);
        return new PlainAnswer(response, bytes!, json);
    }

    private static bool HasChoices(JsonObject answer) =>
        answer["choices"] is JsonArray choices && choices.All(c => c is JsonObject);

    private RefusedAnswer Invalid(HttpResponseMessage response, ChatRequest request, string why)
    {
        response.Dispose();
        var failure = new UpstreamAnswerFailure(UpstreamAnswerFailureKind.Invalid, $"The upstream '{request.Context.UpstreamName}' failed: {why}.");
        GatewayLog.UpstreamStreamBroken(logger, request.Context.RequestId, failure.Kind.ToString());
        return new RefusedAnswer(_ => UpstreamFailureResults.ToResult(failure), "upstream_" + failure.Code);
    }

    private IAsyncEnumerable<SseItem> ReadStreamAsync(HttpResponseMessage response, ChatRequest request, IUpstreamDialect dialect, CancellationToken cancellationToken) =>
        CaptureAsync(dialect.ToChatChunks(ParseAsync(response, cancellationToken), request, cancellationToken), request, cancellationToken);

    private async IAsyncEnumerable<SseItem> ParseAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var joiner = new SseEventJoiner();
        var ready = new List<SseItem>(2);
        await foreach (var line in reader.ReadLinesAsync(response, cancellationToken).ConfigureAwait(false))
        {
            joiner.Add(line, ready);
            foreach (var item in ready)
            {
                yield return item;
            }

            ready.Clear();
        }

        joiner.Complete(ready);
        foreach (var item in ready)
        {
            yield return item;
        }
    }

    /// <summary>Usage and a broken stream, read from the chat-form items.</summary>
    private async IAsyncEnumerable<SseItem> CaptureAsync(IAsyncEnumerable<SseItem> items, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (item.Json is { } json)
            {
                AnswerUsage.Capture(json, request.Context);
            }
            else if (item.Failure is { } failure)
            {
                request.Context.AnswerOutcome = "upstream_" + failure.Code;
                GatewayLog.UpstreamStreamBroken(logger, request.Context.RequestId, failure.Kind.ToString());
            }

            yield return item;
        }
    }

    private static JsonObject? TryParse(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes, documentOptions: UpstreamJson.Options) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

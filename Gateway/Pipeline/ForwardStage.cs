using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Diagnostics;
using Gateway.Upstream;

namespace Gateway.Pipeline;

/// <summary>The last stage: sends the request to the upstreams serving its model (retries and fallbacks in
/// <see cref="UpstreamClient"/>) and reads the answer within the limits: a plain body whole, a stream line by
/// line as it arrives. Token usage is read here, once, for plain and streamed answers.</summary>
internal sealed class ForwardStage(UpstreamClient upstreams, UpstreamAnswerReader reader, ILogger<ForwardStage> logger)
{
    public async Task<ChatAnswer> InvokeAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request.Body);
        var (response, upstream, failure) = await upstreams.PostJsonAsync("chat/completions", body, request.Context.Model!, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return new RefusedAnswer(http => UpstreamFailureResults.ToResult(failure, http), "upstream_" + failure.Kind.ToString().ToLowerInvariant());
        }

        request.Context.UpstreamName = upstream!.Name;
        if (response!.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            return new StreamedAnswer(response, ReadStreamAsync(response, request, cancellationToken));
        }

        var (bytes, cut) = await reader.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (cut is not null)
        {
            response.Dispose();
            GatewayLog.UpstreamStreamBroken(logger, request.Context.RequestId, cut.Kind.ToString());
            return new RefusedAnswer(_ => UpstreamFailureResults.ToResult(cut), "upstream_" + cut.Code);
        }

        var json = response.IsSuccessStatusCode ? TryParse(bytes!) : null;
        if (json is not null)
        {
            AnswerUsage.Capture(json, request.Context);
        }

        return new PlainAnswer(response, bytes!, json);
    }

    private async IAsyncEnumerable<SseItem> ReadStreamAsync(HttpResponseMessage response, ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in reader.ReadLinesAsync(response, cancellationToken).ConfigureAwait(false))
        {
            var item = SseItemParser.Parse(line);
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
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

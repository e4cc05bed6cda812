using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Apis.Responses;

/// <summary>Writes the pipeline's answer (chat completions form, already guarded) to a Responses client: a refusal
/// as its OpenAI error; an upstream error as the upstream sent it (OpenAI's shape); a plain answer as a Responses
/// object; a stream as the Responses event stream.</summary>
internal sealed class ResponsesAnswerWriter(TimeProvider time, ResponseIdSeal ids)
{
    public Task WriteAsync(HttpContext http, ChatRequest request, ChatAnswer answer, CancellationToken cancellationToken) => answer switch
    {
        RefusedAnswer refused => refused.ResultFor(http).ExecuteAsync(http),
        PlainAnswer { IsSuccess: false } failed => ChatAnswerWriter.WritePlainAsync(http, failed.Upstream, failed.Body),
        PlainAnswer plain => WritePlainAsync(http, request, plain),
        StreamedAnswer streamed => WriteStreamAsync(http, request, streamed, cancellationToken),
        _ => throw new InvalidOperationException("Unknown answer " + answer.GetType().Name),
    };

    private Task WritePlainAsync(HttpContext http, ChatRequest request, PlainAnswer plain)
    {
        // A 200 body that was not JSON was guarded as text: it is the answer's text.
        var completion = plain.Json ?? new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = Encoding.UTF8.GetString(plain.Body) },
                ["finish_reason"] = "stop",
            }),
        };
        var response = ResponseFromCompletion.Build(completion, request, Now(), ids);
        var bytes = OpenAI.AnswerJson.Bytes(response);
        ResponseHeaders.Copy(plain.Upstream, http.Response);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    private async Task WriteStreamAsync(HttpContext http, ChatRequest request, StreamedAnswer answer, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = response.BodyWriter;
        var events = new ResponsesEventStream(body, request, Now(), ids);
        var ended = false;
        await foreach (var item in answer.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ended = events.Write(item);
            if (item.Flush || ended)
            {
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (ended)
            {
                break;
            }
        }

        if (!ended)
        {
            events.End();
        }

        await body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private long Now() => time.GetUtcNow().ToUnixTimeSeconds();
}

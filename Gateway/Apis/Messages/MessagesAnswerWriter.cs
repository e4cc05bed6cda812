using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Apis.Messages;

/// <summary>Writes the pipeline's answer (chat completions form) as the Messages API answers: a refusal or an
/// upstream error in Anthropic's error shape, a plain answer as a Message, a stream as Messages events with their
/// <c>event:</c> lines, each batch flushed as it arrives.</summary>
internal static class MessagesAnswerWriter
{
    public static Task WriteAsync(HttpContext http, ChatRequest request, ChatAnswer answer, CancellationToken cancellationToken) => answer switch
    {
        RefusedAnswer refused => refused.ResultFor(http).ExecuteAsync(http),
        PlainAnswer { IsSuccess: false } failed => WriteUpstreamErrorAsync(http, failed),
        PlainAnswer plain => WriteMessageAsync(http, request, plain, cancellationToken),
        StreamedAnswer streamed => WriteStreamAsync(http, request, streamed, cancellationToken),
        _ => throw new InvalidOperationException("Unknown answer " + answer.GetType().Name),
    };

    private static Task WriteUpstreamErrorAsync(HttpContext http, PlainAnswer failed)
    {
        if (failed.Upstream.Headers.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString();
        }

        var status = (int)failed.Upstream.StatusCode;
        return MessagesErrors.WriteAsync(http, status, MessagesErrors.MessageOf(failed.Body, status));
    }

    private static async Task WriteMessageAsync(HttpContext http, ChatRequest request, PlainAnswer plain, CancellationToken cancellationToken)
    {
        // A 200 that was not JSON (checked as text by the output guard) is the answer's text.
        var completion = plain.Json ?? new JsonObject
        {
            ["choices"] = new JsonArray(new JsonObject
            {
                ["message"] = new JsonObject { ["content"] = Encoding.UTF8.GetString(plain.Body) },
                ["finish_reason"] = "stop",
            }),
        };
        var bytes = OpenAI.AnswerJson.Bytes(MessagesAnswerTranslator.ToMessage(completion, request.Context.Model!));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteStreamAsync(HttpContext http, ChatRequest request, StreamedAnswer answer, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = response.BodyWriter;
        var translator = new MessagesStreamTranslator(request.Context.Model!, request.Context.RequestId);
        var unflushed = false;
        await foreach (var item in answer.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var e in translator.On(item))
            {
                Write(body, e);
                unflushed = true;
            }

            if (unflushed && (item.Flush || translator.Ended))
            {
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                unflushed = false;
            }

            if (translator.Ended)
            {
                break;
            }
        }

        // An upstream cut short arrives here as an error item (StreamedAnswerGuard), written as Anthropic's error event.
        await body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void Write(System.IO.Pipelines.PipeWriter body, MessagesEvent e)
    {
        body.Write(Encoding.UTF8.GetBytes("event: " + e.Name + "\ndata: "));
        using (var writer = new Utf8JsonWriter(body, OpenAI.AnswerJson.Writer))
        {
            e.Data.WriteTo(writer);
        }

        body.Write("\n\n"u8);
    }
}

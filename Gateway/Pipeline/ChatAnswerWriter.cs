using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Pipeline;

/// <summary>Writes the pipeline's answer to the client: a refusal as its status and error body; a plain answer
/// with the upstream's status and headers, byte for byte unless a stage changed it; a stream item by item as the
/// items arrive, unchanged lines byte for byte, flushed where the upstream's bytes paused.</summary>
internal static class ChatAnswerWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] Newline = "\n"u8.ToArray();
    private static readonly byte[] DoneEvent = "data: [DONE]\n\n"u8.ToArray();

    public static Task WriteAsync(HttpContext http, ChatRequest request, ChatAnswer answer, CancellationToken cancellationToken) => answer switch
    {
        RefusedAnswer refused => refused.ResultFor(http).ExecuteAsync(http),
        PlainAnswer plain => WritePlainAsync(http, plain.Upstream, plain.Modified && plain.Json is not null ? OpenAI.AnswerJson.Bytes(plain.Json) : plain.Body),
        StreamedAnswer streamed => WriteStreamAsync(http, streamed, cancellationToken),
        _ => throw new InvalidOperationException("Unknown answer " + answer.GetType().Name),
    };

    /// <summary>An upstream answer with its status and headers.</summary>
    public static async Task WritePlainAsync(HttpContext http, HttpResponseMessage upstream, byte[] body)
    {
        http.Response.StatusCode = (int)upstream.StatusCode;
        ResponseHeaders.Copy(upstream, http.Response);
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteStreamAsync(HttpContext http, StreamedAnswer answer, CancellationToken cancellationToken)
    {
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = response.BodyWriter;
        await foreach (var item in answer.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            switch (item.Kind)
            {
                case SseItemKind.Done:
                    body.Write(DoneEvent);
                    break;
                case SseItemKind.Error:
                    WriteJson(body, new JsonObject
                    {
                        ["error"] = new JsonObject { ["message"] = item.Failure!.Message, ["type"] = "upstream_error", ["param"] = null, ["code"] = item.Failure.Code },
                    }, endEvent: true);
                    body.Write(DoneEvent);
                    break;
                case SseItemKind.Data when item.Modified:
                    WriteJson(body, item.Json!, item.Synthetic);
                    break;
                case SseItemKind.Text when item.Text is not null:
                    body.Write(Encoding.UTF8.GetBytes(item.Text));
                    body.Write(Newline);
                    break;
                default:
                    body.Write(item.Raw);
                    body.Write(Newline);
                    break;
            }

            if (item.Flush)
            {
                await body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            if (item.Kind is SseItemKind.Done or SseItemKind.Error)
            {
                break;
            }
        }

        await body.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void WriteJson(PipeWriter body, JsonObject chunk, bool endEvent)
    {
        body.Write(DataPrefix);
        using (var writer = new Utf8JsonWriter(body, OpenAI.AnswerJson.Writer))
        {
            chunk.WriteTo(writer);
        }

        body.Write(endEvent ? "\n\n"u8 : Newline);
    }
}

using System.Text.Json;
using Gateway.Diagnostics;
using Gateway.OpenAI;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Hosting;

/// <summary>The last line of defence: bad input that surfaced as an exception (oversized body, broken JSON, a
/// client that left) becomes a 4xx in OpenAI's shape or a quiet abort; anything unexpected is logged with the
/// request id and answered 500 in the same shape, never a stack trace.</summary>
internal sealed class ErrorShapingMiddleware(RequestDelegate next, ILogger<ErrorShapingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            context.Abort();
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var status = e.StatusCode is >= 400 and < 500 ? e.StatusCode : StatusCodes.Status400BadRequest;
            var message = status == StatusCodes.Status413PayloadTooLarge
                ? $"The request body is larger than the limit of {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes."
                : e.Message; // The server's or the body decoder's own words, never the body's.
            await OpenAIError.WriteAsync(context, status, message, "invalid_request_error",
                status == StatusCodes.Status413PayloadTooLarge ? "request_too_large" : "bad_request").ConfigureAwait(false);
        }
        catch (Memory.MemoryValidationException e) when (!context.Response.HasStarted)
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status400BadRequest, e.Message, "invalid_request_error", "invalid_memory").ConfigureAwait(false);
        }
        catch (Memory.MemoryConsentWithdrawnException) when (!context.Response.HasStarted)
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status409Conflict,
                "The user has withdrawn memory consent; nothing about them is stored.", "invalid_request_error", "consent_withdrawn").ConfigureAwait(false);
        }
        catch (JsonException) when (!context.Response.HasStarted)
        {
            await OpenAIError.WriteAsync(context, StatusCodes.Status400BadRequest, "The request body is not valid JSON.", "invalid_request_error", "invalid_json").ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            GatewayLog.UnhandledError(logger, context.TraceIdentifier, e.GetType().Name, e);
            if (IsEventStream(context))
            {
                // Events may sit in the response buffer, unsent: a JSON error written after them would be neither
                // SSE nor JSON. Clearing drops them (and the event-stream type) before the error is written.
                context.Response.Clear();
            }

            await OpenAIError.WriteAsync(context, StatusCodes.Status500InternalServerError,
                $"Internal gateway error (request {context.TraceIdentifier}).", "server_error", "internal_error").ConfigureAwait(false);
        }
        catch (Exception e) when (IsEventStream(context))
        {
            // Events were sent: the stream is cut, which every SSE client reports as a broken stream.
            GatewayLog.UnhandledError(logger, context.TraceIdentifier, e.GetType().Name, e);
            context.Abort();
        }
    }

    private static bool IsEventStream(HttpContext context) =>
        context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase) == true;
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Apis.Messages;

/// <summary><c>POST /v1/messages</c> (Anthropic Messages): the body read and translated into the pipeline's chat
/// completions form (<see cref="MessagesRequestTranslator"/>), run through the same stages as chat (memory, guardrails,
/// audit, write-back, upstreams), and the answer written back as a Message or Messages events
/// (<see cref="MessagesAnswerWriter"/>). The end user is <c>metadata.user_id</c>, else <c>X-User-Id</c>;
/// <c>anthropic-version</c> is accepted whatever it says. Every error is in Anthropic's shape.</summary>
internal static class MessagesHandler
{
    /// <summary>The request id under the name Anthropic's SDKs read it (beside <c>X-Request-Id</c>).</summary>
    public const string RequestIdHeader = "request-id";

    public static async Task HandleAsync(HttpContext http, ChatCompletionHandler pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        if (await ReadAsync(http, counting: false).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        await pipeline.RunAsync(http, request, MessagesAnswerWriter.WriteAsync, started).ConfigureAwait(false);
    }

    /// <summary>The body read, translated and given its caller context; null when an Anthropic-shaped 4xx has been
    /// written instead.</summary>
    /// <param name="http">The call.</param>
    /// <param name="counting">True for <c>count_tokens</c> (no <c>max_tokens</c> asked for).</param>
    public static async Task<ChatRequest?> ReadAsync(HttpContext http, bool counting)
    {
        http.Response.Headers[RequestIdHeader] = http.TraceIdentifier;
        JsonNode? node;
        try
        {
            // Duplicate properties are refused, as for chat: the guardrails and the upstream must read the same body.
            node = await ChatRequestReader.ParseBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await MessagesErrors.WriteAsync(http, StatusCodes.Status400BadRequest, ChatRequestReader.InvalidJsonMessage).ConfigureAwait(false);
            return null;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ChatRequestReader.TooLarge(http).ExecuteAsync(http).ConfigureAwait(false);
            return null;
        }

        if (node is not JsonObject body)
        {
            await MessagesErrors.WriteAsync(http, StatusCodes.Status400BadRequest, "The request body must be a JSON object.").ConfigureAwait(false);
            return null;
        }

        var translation = MessagesRequestTranslator.Translate(body, counting);
        if (!translation.Ok)
        {
            await MessagesErrors.WriteAsync(http, StatusCodes.Status400BadRequest, $"{translation.Field}: {translation.Problem}.").ConfigureAwait(false);
            return null;
        }

        var chat = translation.ChatBody!;
        var model = chat["model"]!.GetValue<string>();
        var (context, problem, _) = ChatRequestReader.ContextFor(http, MessagesRequestTranslator.UserOf(chat), model, ClientApi.Messages, body);
        if (context is null)
        {
            await MessagesErrors.WriteAsync(http, StatusCodes.Status400BadRequest, problem!).ConfigureAwait(false);
            return null;
        }

        return new ChatRequest(chat, (JsonArray)chat["messages"]!, JsonRead.Bool(chat["stream"]) == true, context);
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;
using Gateway.Pipeline;
using Gateway.Upstream;

namespace Gateway.Apis.Responses;

/// <summary><c>POST /v1/responses</c>: the Responses request read and translated to chat completions form, run
/// through the same pipeline as chat (memory, guardrails, audit, write-back, forwarding), and the answer written
/// back as a Responses object or event stream. Bad input is a 400 in OpenAI's error shape naming the field.</summary>
internal sealed class ResponsesHandler(ChatCompletionHandler pipeline, ResponsesAnswerWriter writer, ResponseIdSeal ids, UpstreamRegistry upstreams)
{
    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        JsonNode? node;
        try
        {
            node = await ChatRequestReader.ParseBodyAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await OpenAIError.BadRequest(ChatRequestReader.InvalidJsonMessage, "invalid_json").ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ChatRequestReader.TooLarge(http).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        var (request, problem) = Read(node, http);
        if (request is not null && OpenPreviousResponse(request.Context) is { } previous)
        {
            (request, problem) = (null, previous);
        }

        if (request is null)
        {
            await OpenAIError.BadRequest(problem!.Describe(), problem.Code, problem.Field).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await pipeline.RunAsync(http, request, writer.WriteAsync, started).ConfigureAwait(false);
    }

    /// <summary>Replaces the app's <c>previous_response_id</c> with the upstream's id inside it; a problem when the id
    /// was not handed out to this tenant and user (answered as OpenAI answers an unknown id). When no upstream serving
    /// the model keeps responses, the call is refused later for that (<c>unsupported_by_upstream</c>), which says more.</summary>
    private ResponsesProblem? OpenPreviousResponse(ChatRequestContext context)
    {
        if (context.NativeBody is not { } native || Json.String(native["previous_response_id"]) is not { Length: > 0 } presented
            || !upstreams.For(context.Model ?? string.Empty).Any(u => u.Kind == UpstreamKind.Responses))
        {
            return null;
        }

        if (ids.Open(presented, context) is not { } upstreamId)
        {
            return new ResponsesProblem("previous_response_id", $"no previous response with id '{Cap(presented)}' was found for this caller and user.",
                "previous_response_not_found");
        }

        native["previous_response_id"] = upstreamId;
        return null;
    }

    private static string Cap(string id) => id.Length <= 100 ? id : id[..100] + "...";

    internal static (ChatRequest? Request, ResponsesProblem? Problem) Read(JsonNode? node, HttpContext http)
    {
        if (node is not JsonObject body)
        {
            return (null, new ResponsesProblem("body", "the request body must be a JSON object.", "invalid_json"));
        }

        var (chat, problem) = ResponsesRequestTranslator.Translate(body);
        if (chat is null)
        {
            return (null, problem);
        }

        var source = Json.String(chat["user"]) is { Length: > 0 } ? "user" : Json.String(chat["safety_identifier"]) is { Length: > 0 } ? "safety_identifier" : null;
        var userId = source is null ? null : Json.String(chat[source]);
        var (context, message, code) = ChatRequestReader.ContextFor(http, userId, Json.String(chat["model"])!, ClientApi.Responses, body);
        if (context is null)
        {
            return (null, new ResponsesProblem(source ?? ChatRequestReader.UserIdHeader, message!, code!));
        }

        var stream = Json.IsTrue(chat["stream"]);
        return (new ChatRequest(chat, (JsonArray)chat["messages"]!, stream, context), null);
    }
}

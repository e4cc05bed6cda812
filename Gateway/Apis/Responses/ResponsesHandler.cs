using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;
using Gateway.Pipeline;

namespace Gateway.Apis.Responses;

/// <summary><c>POST /v1/responses</c>: the Responses request read and translated to chat completions form, run
/// through the same pipeline as chat (memory, guardrails, audit, write-back, forwarding), and the answer written
/// back as a Responses object or event stream. Bad input is a 400 in OpenAI's error shape naming the field.</summary>
internal sealed class ResponsesHandler(ChatCompletionHandler pipeline, ResponsesAnswerWriter writer)
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
        if (request is null)
        {
            await OpenAIError.BadRequest(problem!.Describe(), problem.Code).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        await pipeline.RunAsync(http, request, writer.WriteAsync, started).ConfigureAwait(false);
    }

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

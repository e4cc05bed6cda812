using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.OpenAI;

namespace Gateway.Hosting.WarmUp;

/// <summary>The built-in upstream's side of a warm-up call: a short, fixed chat completion, plain or streamed like
/// an OpenAI-compatible server (role chunk, content chunks, finish chunk, <c>[DONE]</c>). Fixed and bland, so no
/// guardrail acts on it and nothing reaches the audit log.</summary>
internal static class WarmUpUpstream
{
    private static readonly string[] Words = ["Here ", "is ", "a ", "short ", "answer ", "for ", "the ", "warm-up."];

    public static async Task AnswerAsync(HttpContext context, PathString path)
    {
        var response = context.Response;
        if (HttpMethods.IsGet(context.Request.Method) && path.Value?.EndsWith("/models", StringComparison.Ordinal) == true)
        {
            await WriteJsonAsync(response, "{\"object\":\"list\",\"data\":[{\"id\":\"warm-up\",\"object\":\"model\",\"owned_by\":\"gateway\"}]}").ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method) || path.Value?.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false) as JsonObject;
        var model = body.Field("model") is JsonValue m && m.GetValueKind() == JsonValueKind.String ? m.GetValue<string>() : "warm-up";
        if (body.Field("stream") is JsonValue s && s.GetValueKind() == JsonValueKind.True)
        {
            response.ContentType = "text/event-stream";
            var sse = new StringBuilder();
            Chunk(sse, model, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);
            foreach (var word in Words)
            {
                Chunk(sse, model, new JsonObject { ["content"] = word }, null);
            }

            Chunk(sse, model, [], "stop");
            sse.Append("data: [DONE]\n\n");
            await response.WriteAsync(sse.ToString(), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await WriteJsonAsync(response, new JsonObject
        {
            ["id"] = "chatcmpl-warm-up",
            ["object"] = "chat.completion",
            ["created"] = 0,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(Words) },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1, ["completion_tokens"] = Words.Length, ["total_tokens"] = Words.Length + 1 },
        }.ToJsonString()).ConfigureAwait(false);
    }

    private static void Chunk(StringBuilder sse, string model, JsonObject delta, string? finish) => sse.Append("data: ").Append(new JsonObject
    {
        ["id"] = "chatcmpl-warm-up",
        ["object"] = "chat.completion.chunk",
        ["created"] = 0,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString()).Append("\n\n");

    private static Task WriteJsonAsync(HttpResponse response, string json)
    {
        response.ContentType = "application/json";
        return response.WriteAsync(json, response.HttpContext.RequestAborted);
    }
}

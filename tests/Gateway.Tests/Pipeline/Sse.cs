using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Pipeline;

/// <summary>Builds the SSE an upstream sends and reads what the gateway relays.</summary>
public static class Sse
{
    public static JsonObject Chunk(JsonObject delta, string? finish = null, JsonObject? logprobs = null)
    {
        var choice = new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish };
        if (logprobs is not null)
        {
            choice["logprobs"] = logprobs;
        }

        return new JsonObject
        {
            ["id"] = "chatcmpl-sse",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = "fake-model",
            ["choices"] = new JsonArray(choice),
        };
    }

    public static JsonObject Content(string text) => Chunk(new JsonObject { ["content"] = text });

    /// <summary>An upstream that sends these events (JSON chunks, or raw lines as strings), then <c>[DONE]</c>.</summary>
    public static FakeReply Reply(params object[] events) => new()
    {
        Write = async (response, ct) =>
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            foreach (var e in events)
            {
                var line = e is JsonObject json ? "data: " + json.ToJsonString() + "\n\n" : (string)e;
                await response.WriteAsync(line, ct);
                await response.Body.FlushAsync(ct);
            }

            await response.WriteAsync("data: [DONE]\n\n", ct);
        },
    };

    public static async Task<string> PostStreamAsync(TestGateway gateway, string extra = "", string? user = null)
    {
        var body = $$"""{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"hi"}]{{extra}}{{(user is null ? "" : $",\"user\":\"{user}\"")}}}""";
        using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The JSON payloads of the data lines of a relayed stream (not [DONE]).</summary>
    public static List<JsonObject> Events(string stream) =>
        stream.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => (JsonObject)JsonNode.Parse(l["data: ".Length..])!).ToList();

    /// <summary>The concatenated text of one delta field of choice 0.</summary>
    public static string Text(string stream, string field = "content") =>
        string.Concat(Events(stream).Select(e => e["choices"]?[0]?["delta"]?[field]?.GetValue<string>() ?? string.Empty));

    /// <summary>The concatenated arguments of tool call 0.</summary>
    public static string ToolArguments(string stream) =>
        string.Concat(Events(stream).SelectMany(e => (e["choices"]?[0]?["delta"]?["tool_calls"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(c => c["function"]?["arguments"]?.GetValue<string>() ?? string.Empty));

}

using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Pipeline;

namespace Gateway.Upstream;

/// <summary>The built-in <c>echo:</c> upstream: answers like an OpenAI-compatible server, plain or streamed, with a
/// short, clearly labelled account of what it received (including the gateway's injected memory), so a newcomer
/// sees personalization work without any LLM.</summary>
internal sealed partial class EchoUpstreamHandler(TimeProvider time) : HttpMessageHandler
{
    public const string Model = "echo";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method == HttpMethod.Get && path.EndsWith("/models", StringComparison.Ordinal))
        {
            return Json(HttpStatusCode.OK, new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject { ["id"] = Model, ["object"] = "model", ["owned_by"] = "gateway" }),
            });
        }

        if (request.Method != HttpMethod.Post || !path.EndsWith("/chat/completions", StringComparison.Ordinal) || request.Content is null)
        {
            return Json(HttpStatusCode.NotFound, new JsonObject { ["error"] = new JsonObject { ["message"] = "echo serves /models and /chat/completions", ["type"] = "invalid_request_error" } });
        }

        var body = JsonNode.Parse(await request.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)) as JsonObject ?? [];
        var model = body["model"]?.GetValueKind() == JsonValueKind.String ? body["model"]!.GetValue<string>() : Model;
        var text = Describe(body);
        var id = "chatcmpl-echo-" + Guid.NewGuid().ToString("N")[..12];
        var created = time.GetUtcNow().ToUnixTimeSeconds();
        var stream = body["stream"]?.GetValueKind() == JsonValueKind.True;
        // As many choices as the request's n asks for (the gateway has checked it: an integer from 1 to 128), each the same account.
        var choices = body["n"] is JsonValue n && n.TryGetValue<int>(out var count) && count is > 1 and <= 128 ? count : 1;
        if (!stream)
        {
            return Json(HttpStatusCode.OK, new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray([.. Enumerable.Range(0, choices).Select(i => (JsonNode)new JsonObject
                {
                    ["index"] = i,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                    ["finish_reason"] = "stop",
                })]),
                ["usage"] = Usage(),
            });
        }

        var sse = new StringBuilder();
        void Event(JsonArray choiceList, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = choiceList,
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }

            sse.Append("data: ").Append(chunk.ToJsonString()).Append("\n\n");
        }

        void Chunk(int index, JsonObject delta, string? finish) =>
            Event([new JsonObject { ["index"] = index, ["delta"] = delta, ["finish_reason"] = finish }]);

        for (var i = 0; i < choices; i++)
        {
            Chunk(i, new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null);
            foreach (var line in text.Split('\n'))
            {
                Chunk(i, new JsonObject { ["content"] = line + "\n" }, null);
            }

            Chunk(i, [], "stop");
        }

        // stream_options.include_usage: OpenAI's last chunk before [DONE], with the usage and no choices.
        if (body["stream_options"] is JsonObject options && options["include_usage"]?.GetValueKind() == JsonValueKind.True)
        {
            Event([], Usage());
        }

        sse.Append("data: [DONE]\n\n");
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(sse.ToString(), Encoding.UTF8, "text/event-stream"),
        };
    }

    private static string Describe(JsonObject body)
    {
        var messages = body["messages"] as JsonArray ?? [];
        var sb = new StringBuilder();
        sb.Append("[echo upstream: no LLM here] I received ").Append(messages.Count).Append(" message(s).\n");
        var gatewaySystem = messages.FirstOrDefault(m => MessageText.RoleOf(m) == "system");
        if (gatewaySystem is not null)
        {
            // The block's canary is left out: an answer that repeats it is what the leakage guardrail blocks, and the
            // echo exists to show the injected memory.
            sb.Append("First system message (the gateway's memory injection when a user is set):\n")
              .Append(Canary().Replace(MessageText.Of(gatewaySystem).Trim(), "(canary)")).Append('\n');
        }

        var lastUser = messages.LastOrDefault(m => MessageText.RoleOf(m) == "user");
        sb.Append("Your last message: ").Append(lastUser is null ? "(none)" : MessageText.Of(lastUser));
        return sb.ToString();
    }

    [System.Text.RegularExpressions.GeneratedRegex("mem-[0-9a-f]{12}", System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex Canary();

    /// <summary>No model, no tokens: the echo's usage is zeros.</summary>
    private static JsonObject Usage() => new() { ["prompt_tokens"] = 0, ["completion_tokens"] = 0, ["total_tokens"] = 0 };

    private static HttpResponseMessage Json(HttpStatusCode status, JsonObject body) =>
        new(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}

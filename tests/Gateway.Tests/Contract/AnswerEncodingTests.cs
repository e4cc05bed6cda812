using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Proxy;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Contract;

/// <summary>Answers the gateway writes itself (a Responses object or event, a Message or Messages event, a chat chunk
/// or answer a guardrail changed) carry text as OpenAI and Anthropic send it: UTF-8 as it is, quotes as <c>\"</c>.
/// Before, System.Text.Json's default encoder wrote every non-ASCII and HTML-sensitive character as an escape
/// (<c>caf\u00E9</c>, <c>\u0026</c>, <c>it\u0027s</c>, <c>\u0022good\u0022</c>): valid JSON, but not the providers'
/// bytes, twice the size for accented and CJK text, and unreadable to anyone reading the stream.</summary>
public sealed partial class AnswerEncodingTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly string[] Words = ["Café ", "in ", "Zürich: ", "5 € ", "& ", "日本 ", "it's ", "\"good\" ", "<b>ok</b> ", "mail ", "anna@example.com"];

    private static readonly JsonSerializerOptions Raw = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> Calls() => new()
    {
        { "v1/chat/completions", """{"model":"fake-model","messages":[{"role":"user","content":"encoding"}]}""" },
        { "v1/chat/completions", """{"model":"fake-model","stream":true,"messages":[{"role":"user","content":"encoding"}]}""" },
        { "v1/responses", """{"model":"fake-model","input":"encoding"}""" },
        { "v1/responses", """{"model":"fake-model","stream":true,"input":"encoding"}""" },
        { "v1/messages", """{"model":"fake-model","max_tokens":64,"messages":[{"role":"user","content":"encoding"}]}""" },
        { "v1/messages", """{"model":"fake-model","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"encoding"}]}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task Text_reaches_the_client_as_UTF8_without_escapes(string path, string json)
    {
        fixture.Upstream.Responder = body => body["messages"] is JsonArray { Count: > 0 } messages && (string?)messages[^1]!["content"] == "encoding"
            ? new FakeReply { Write = (response, ct) => WriteRawAsync(response, body["stream"]?.GetValue<bool>() == true, ct) }
            : null;
        try
        {
            using var response = await fixture.Gateway.Client.PostAsync(path, HttpAssert.Json(json));
            var raw = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {raw}");
            Assert.Contains("[EMAIL]", raw, StringComparison.Ordinal); // the output guard changed the answer
            Assert.DoesNotMatch(Escape(), raw);
            Assert.Contains("Zürich", raw, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Upstream.Responder = null;
        }
    }

    /// <summary>The upstream's answer, written as OpenAI writes it (UTF-8, no escapes but quotes).</summary>
    private static async Task WriteRawAsync(HttpResponse response, bool stream, CancellationToken ct)
    {
        if (!stream)
        {
            response.ContentType = "application/json";
            var answer = new JsonObject
            {
                ["id"] = "chatcmpl-enc", ["object"] = "chat.completion", ["created"] = 1, ["model"] = "fake-model",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = string.Concat(Words) },
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 5, ["completion_tokens"] = 9, ["total_tokens"] = 14 },
            };
            await response.WriteAsync(answer.ToJsonString(Raw), ct);
            return;
        }

        response.ContentType = "text/event-stream";
        foreach (var delta in (IEnumerable<JsonObject>)[new() { ["role"] = "assistant", ["content"] = "" }, .. Words.Select(w => new JsonObject { ["content"] = w }), new()])
        {
            var chunk = new JsonObject
            {
                ["id"] = "chatcmpl-enc", ["object"] = "chat.completion.chunk", ["created"] = 1, ["model"] = "fake-model",
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["delta"] = delta,
                    ["finish_reason"] = delta.Count == 0 ? "stop" : null,
                }),
            };
            await response.WriteAsync("data: " + chunk.ToJsonString(Raw) + "\n\n", ct);
            await response.Body.FlushAsync(ct);
        }

        await response.WriteAsync("data: [DONE]\n\n", ct);
    }

    /// <summary>A \uXXXX escape: the answers hold no control characters or lone surrogates, so any escape is one the
    /// providers would not have written.</summary>
    [GeneratedRegex(@"\\u[0-9A-Fa-f]{4}", RegexOptions.None, 1000)]
    private static partial Regex Escape();
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Robustness;

/// <summary>Text no reader can take (bytes that are not UTF-8, an unpaired surrogate escape such as <c>"\ud800"</c>)
/// and streams that stop short. System.Text.Json parses such strings without complaint and throws only when one is
/// read, so each of these was a 500 or a silently cut stream: a request becomes a 400 in its API's error shape, an
/// upstream's answer is repaired (U+FFFD) and guarded like any other, and a stream cut before any choice finished ends
/// with the error event every broken stream gets.</summary>
public sealed class UnreadableInputTests
{
    private static readonly byte[] InvalidUtf8 = [0xff, 0xfe];

    public static TheoryData<string, string> UnreadableRequests()
    {
        var data = new TheoryData<string, string>();
        foreach (var api in new[] { "chat", "responses", "messages", "preview" })
        {
            data.Add(api, "bytes");
            data.Add(api, "high-surrogate");
            data.Add(api, "low-surrogate");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableRequests))]
    public async Task A_request_string_no_reader_can_take_is_a_bad_request_not_a_server_error(string api, string flaw)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var bad = flaw switch
        {
            "bytes" => InvalidUtf8,
            "high-surrogate" => "\\ud800 there"u8.ToArray(),
            _ => "\\udc00"u8.ToArray(),
        };
        var (path, before, after) = api switch
        {
            "chat" => ("v1/chat/completions", """{"model":"fake-model","user":"u1","messages":[{"role":"user","content":"hi """, "\"}]}"),
            "responses" => ("v1/responses", """{"model":"fake-model","user":"u1","input":"hi """, "\"}"),
            "messages" => ("v1/messages", """{"model":"fake-model","max_tokens":10,"messages":[{"role":"user","content":"hi """, "\"}]}"),
            _ => ("v1/prompts/preview", """{"model":"fake-model","user":"u1","messages":[{"role":"user","content":"hi """, "\"}]}"),
        };
        using var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await gateway.Client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(text)!["error"]!;
        if (api == "messages")
        {
            Assert.Equal("invalid_request_error", (string?)error["type"]); // Anthropic's shape
        }
        else
        {
            Assert.Equal("invalid_json", (string?)error["code"]);
        }

        Assert.Contains("surrogate", (string?)error["message"], StringComparison.Ordinal);
        Assert.Empty(upstream.ChatRequests);
    }

    [Theory]
    [InlineData("chat", false)]
    [InlineData("chat", true)]
    [InlineData("messages", false)]
    [InlineData("messages", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    public async Task An_upstream_answer_with_unreadable_strings_is_repaired_and_still_guarded(string api, bool stream)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        // One unpaired surrogate escape, two bytes that are not UTF-8 and an e-mail address the output check redacts.
        var text = "hi \\ud800 and "u8.ToArray().Concat(InvalidUtf8).Concat(" mail ana@example.com"u8.ToArray()).ToArray();
        upstream.DefaultReply = new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = stream ? "text/event-stream" : "application/json";
                byte[] body = stream
                    ? [.. "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""u8, .. text,
                        .. "\"},\"finish_reason\":null}]}\n\ndata: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"u8]
                    : [.. "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""u8, .. text,
                        .. "\"},\"finish_reason\":\"stop\"}]}"u8];
                await response.Body.WriteAsync(body, ct);
            },
        };
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });

        using var response = await gateway.Client.PostAsync(PathOf(api), HttpAssert.Json(BodyOf(api, stream).ToJsonString()));
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("hi \uFFFD and \uFFFD", Unescaped(answer), StringComparison.Ordinal);
        Assert.DoesNotContain("ana@example.com", answer, StringComparison.Ordinal);
        if (stream && api == "chat")
        {
            Assert.EndsWith("data: [DONE]", answer.TrimEnd(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("messages")]
    [InlineData("responses")]
    public async Task A_stream_the_upstream_closes_before_any_choice_finished_ends_with_an_error_event(string api)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = StreamOf("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The first half\"},\"finish_reason\":null}]}\n\n");
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });

        using var response = await gateway.Client.PostAsync(PathOf(api), HttpAssert.Json(BodyOf(api, stream: true).ToJsonString()));
        var answer = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(answer.Contains("The first ", StringComparison.Ordinal) && answer.Contains("half", StringComparison.Ordinal), answer); // the guard may split the text
        switch (api)
        {
            case "chat":
                var events = answer.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).ToList();
                Assert.Equal("data: [DONE]", events[^1]);
                Assert.Contains("upstream_error", events[^2], StringComparison.Ordinal);
                break;
            case "messages":
                Assert.Contains("event: error", answer, StringComparison.Ordinal);
                Assert.DoesNotContain("message_stop", answer, StringComparison.Ordinal);
                break;
            default:
                Assert.Contains("response.failed", answer, StringComparison.Ordinal);
                Assert.DoesNotContain("response.completed", answer, StringComparison.Ordinal);
                break;
        }
    }

    [Fact]
    public async Task A_stream_that_finished_but_sent_no_done_still_ends_cleanly()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = StreamOf(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Whole answer.\"},\"finish_reason\":null}]}\n\n" +
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });

        using var response = await gateway.Client.PostAsync(PathOf("chat"), HttpAssert.Json(BodyOf("chat", stream: true).ToJsonString()));
        var answer = await response.Content.ReadAsStringAsync();

        Assert.True(answer.Contains("Whole ", StringComparison.Ordinal) && answer.Contains("answer.", StringComparison.Ordinal), answer);
        Assert.DoesNotContain("upstream_error", answer, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]", answer.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_that_is_not_utf8_is_a_bad_request_in_openai_shape()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var uri = new Uri(gateway.BaseUrl);
        const string body = """{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""";
        byte[] request =
        [
            .. Encoding.ASCII.GetBytes($"POST /v1/chat/completions HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: application/json\r\nX-User-Id: u"),
            0xff,
            .. Encoding.ASCII.GetBytes($"\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"),
        ];

        using var socket = new TcpClient();
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var reply = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", reply, StringComparison.Ordinal);
        var json = reply[reply.IndexOf('{', StringComparison.Ordinal)..(reply.LastIndexOf('}') + 1)]; // the body, chunked or not
        Assert.Equal("invalid_user", (string?)JsonNode.Parse(json)!["error"]!["code"]);
        Assert.Empty(upstream.ChatRequests);
    }

    private static FakeReply StreamOf(string events) => new()
    {
        Write = async (response, ct) =>
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(events), ct);
        },
    };

    private static string PathOf(string api) => api switch
    {
        "chat" => "v1/chat/completions",
        "messages" => "v1/messages",
        _ => "v1/responses",
    };

    private static JsonObject BodyOf(string api, bool stream)
    {
        JsonObject body = api switch
        {
            "chat" => new JsonObject { ["model"] = "fake-model", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) },
            "messages" => new JsonObject { ["model"] = "fake-model", ["max_tokens"] = 20, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "hi" }) },
            _ => new JsonObject { ["model"] = "fake-model", ["input"] = "hi" },
        };
        if (stream)
        {
            body["stream"] = true;
        }

        return body;
    }

    /// <summary>The answer with JSON's <c>\uXXXX</c> escapes read, so a repaired character can be looked for whether
    /// the writer escaped it or not.</summary>
    private static string Unescaped(string answer) =>
        System.Text.RegularExpressions.Regex.Replace(answer, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
}

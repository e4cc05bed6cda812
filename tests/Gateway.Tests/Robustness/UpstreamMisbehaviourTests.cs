using System.IO.Compression;
using System.Text;
using Gateway.Tests.Pipeline;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Robustness;

/// <summary>Upstreams that answer in ways a plain proxy would pass on (found by the eighth session's audit): a
/// compressed answer is checked like any other, a long <c>Retry-After</c> does not hold the call, a redirect is never
/// followed, a timed-out attempt is not repeated, 429s do not open the circuit, and a success that is not the API's
/// answer is a 502, never a 500 or a body passed on unchecked.</summary>
public sealed class UpstreamMisbehaviourTests
{
    private const string Token = "ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    private const string Email = "jane.doe@example.com";

    private static JsonObject Answer(string text) => new()
    {
        ["id"] = "c1",
        ["object"] = "chat.completion",
        ["created"] = 1,
        ["model"] = "m",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
            ["finish_reason"] = "stop",
        }),
    };

    private static FakeReply Raw(int status, string contentType, byte[] body, string? encoding = null) => new()
    {
        Write = async (response, ct) =>
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            if (encoding is not null)
            {
                response.Headers.ContentEncoding = encoding;
            }

            await response.Body.WriteAsync(body, ct);
        },
    };

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static Task<TestGateway> GatewayAsync(FakeOpenAIUpstream upstream, params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl, ["Upstream:RetryBaseDelaySeconds"] = "0.01" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return TestGateway.StartAsync(all);
    }

    private static Task<HttpResponseMessage> ChatAsync(TestGateway gateway, bool stream = false) =>
        gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"fake-model","user":"misbehaving","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}"""));

    [Fact]
    public async Task A_compressed_answer_is_read_decompressed_and_guarded()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = Raw(200, "application/json", Gzip(Answer($"Your token is {Token}, mail {Email}.").ToJsonString()), "gzip");
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        var content = JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
        Assert.DoesNotContain(Token, content, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, content, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", content, StringComparison.Ordinal);
        Assert.Contains("gzip", upstream.ChatRequests.Single().Headers["Accept-Encoding"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compressed_stream_is_read_decompressed_and_guarded()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        var stream = $"data: {Sse.Content($"mail {Email} now").ToJsonString()}\n\ndata: {Sse.Chunk([], "stop").ToJsonString()}\n\ndata: [DONE]\n\n";
        upstream.DefaultReply = Raw(200, "text/event-stream", Gzip(stream), "gzip");
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway, stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", Sse.Text(text), StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_retry_after_longer_than_the_longest_wait_goes_back_to_the_client_at_once(int status)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { FailStatus = status, RetryAfter = "3600" };
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway);

        Assert.Equal(status == 429 ? HttpStatusCode.TooManyRequests : HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(upstream.ChatRequests);
        Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta); // the 503's wait was dropped
    }

    [Fact]
    public async Task A_short_retry_after_is_waited_for_and_the_call_retried()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Enqueue(new FakeReply { FailStatus = 429, RetryAfter = "0" }, new FakeReply { Text = "second time" });
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, upstream.ChatRequests.Count());
    }

    [Fact]
    public async Task A_timed_out_attempt_is_not_repeated()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { DelayBeforeHeaders = TimeSpan.FromSeconds(30) };
        await using var gateway = await GatewayAsync(upstream, ("Upstream:TimeoutSeconds", "1"), ("Upstream:MaxRetries", "2"));

        using var response = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Single(upstream.ChatRequests);
    }

    [Fact]
    public async Task Rate_limits_are_passed_through_without_opening_the_circuit()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply { FailStatus = 429 };
        await using var gateway = await GatewayAsync(upstream, ("Upstream:MaxRetries", "0"), ("Upstream:BreakerMinimumThroughput", "2"));

        for (var i = 0; i < 6; i++)
        {
            using var response = await ChatAsync(gateway);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        Assert.Equal(6, upstream.ChatRequests.Count());
    }

    [Theory]
    [InlineData(307)]
    [InlineData(302)]
    public async Task A_redirect_is_never_followed(int status)
    {
        await using var elsewhere = await FakeOpenAIUpstream.StartAsync();
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply
        {
            Write = (response, _) =>
            {
                response.StatusCode = status;
                response.Headers.Location = elsewhere.BaseUrl + "/chat/completions";
                return Task.CompletedTask;
            },
        };
        await using var gateway = await GatewayAsync(upstream, ("Upstream:MaxRetries", "0"));

        using var response = await ChatAsync(gateway);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("redirects are not followed", text, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Requests);
    }

    public static TheoryData<string, string> NotAnAnswer => new()
    {
        { "application/json", "" },
        { "application/json", "[]" },
        { "text/html", "<html><body>maintenance</body></html>" },
        { "application/json", """{"object":"chat.completion","model":"m"}""" },
        { "application/json", """{"choices":{"message":{"content":"hi"}}}""" },
        { "application/json", """{"choices":[{"index":0,"message":{"role":"assistant","content":"ghp_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8","content":"safe"},"finish_reason":"stop"}]}""" },
        { "application/json", """{"choices":[],"choices":[{"index":0,"message":{"role":"assistant","content":"hi"}}]}""" },
        { "text/event-stream", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n" },
    };

    [Theory]
    [MemberData(nameof(NotAnAnswer))]
    public async Task A_success_that_is_not_the_apis_answer_is_a_502_on_every_api(string contentType, string body)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = Raw(200, contentType, Encoding.UTF8.GetBytes(body));
        await using var gateway = await GatewayAsync(upstream, ("Upstream:MaxRetries", "0"));

        using (var chat = await ChatAsync(gateway))
        {
            var text = await chat.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadGateway, chat.StatusCode);
            Assert.Equal("upstream_invalid_answer", JsonNode.Parse(text)!["error"]!["code"]!.GetValue<string>());
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }

        using (var messages = await gateway.Client.PostAsync("v1/messages", HttpAssert.Json(
            """{"model":"fake-model","max_tokens":20,"messages":[{"role":"user","content":"hi"}]}""")))
        {
            Assert.Equal(HttpStatusCode.BadGateway, messages.StatusCode);
            Assert.Equal("api_error", JsonNode.Parse(await messages.Content.ReadAsStringAsync())!["error"]!["type"]!.GetValue<string>());
        }

        using (var responses = await gateway.Client.PostAsync("v1/responses", HttpAssert.Json("""{"model":"fake-model","input":"hi"}""")))
        {
            Assert.Equal(HttpStatusCode.BadGateway, responses.StatusCode);
        }
    }

    [Fact]
    public async Task An_error_answered_with_a_success_status_keeps_its_message()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = Raw(200, "application/json", Encoding.UTF8.GetBytes("""{"error":{"message":"model not loaded"}}"""));
        await using var gateway = await GatewayAsync(upstream, ("Upstream:MaxRetries", "0"));

        using var response = await ChatAsync(gateway);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("model not loaded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_timeout_from_the_upstream_is_retried()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Enqueue(new FakeReply { FailStatus = 408 }, new FakeReply { Text = "second time" });
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, upstream.ChatRequests.Count());
    }

    [Fact]
    public async Task A_no_content_success_is_a_502()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.DefaultReply = new FakeReply
        {
            Write = (response, _) =>
            {
                response.StatusCode = StatusCodes.Status204NoContent;
                return Task.CompletedTask;
            },
        };
        await using var gateway = await GatewayAsync(upstream, ("Upstream:MaxRetries", "0"));

        using var response = await ChatAsync(gateway);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task A_stream_with_a_duplicated_key_is_never_a_server_error_and_ends_cleanly()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        var stream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + Token + "\",\"content\":\"safe\"}}]}\n\n" +
                     $"data: {Sse.Chunk([], "stop").ToJsonString()}\n\ndata: [DONE]\n\n";
        upstream.DefaultReply = Raw(200, "text/event-stream", Encoding.UTF8.GetBytes(stream));
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway, stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal_error", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public async Task Event_lines_may_end_as_sse_allows(string end)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        var stream = $"data: {Sse.Content("every ").ToJsonString()}{end}{end}data: {Sse.Content("line").ToJsonString()}{end}{end}" +
                     $"data: {Sse.Chunk([], "stop").ToJsonString()}{end}{end}data: [DONE]{end}{end}";
        upstream.DefaultReply = new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = "text/event-stream";
                // Byte by byte, so a CR and the LF after it arrive apart.
                foreach (var b in Encoding.UTF8.GetBytes(stream))
                {
                    await response.Body.WriteAsync(new[] { b }, ct);
                    await response.Body.FlushAsync(ct);
                }
            },
        };
        await using var gateway = await GatewayAsync(upstream);

        using var response = await ChatAsync(gateway, stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("every line", Sse.Text(text));
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_stream_type_in_other_letters_is_still_a_stream()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        var stream = $"data: {Sse.Content("streamed").ToJsonString()}\n\ndata: {Sse.Chunk([], "stop").ToJsonString()}\n\ndata: [DONE]\n\n";
        upstream.DefaultReply = Raw(200, "Text/Event-Stream", Encoding.UTF8.GetBytes(stream));
        await using var gateway = await GatewayAsync(upstream);

        using var response = await gateway.Client.PostAsync("v1/messages", HttpAssert.Json(
            """{"model":"fake-model","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"text\":\"streamed\"", text, StringComparison.Ordinal);
        Assert.Contains("event: message_stop", text, StringComparison.Ordinal);
    }
}

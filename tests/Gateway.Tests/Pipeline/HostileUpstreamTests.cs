using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Pipeline;

/// <summary>Issue 14.4: a hostile or broken upstream ends the answer cleanly with an error, and the gateway stops
/// reading (its memory stays flat); what is not JSON is still guarded.</summary>
public sealed class HostileUpstreamTests(PipelineFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PipelineFixture>
{
    private const string AwsKey = "AKIAZ3MSJV2QWERTY7XC";

    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    /// <summary>Sends up to <paramref name="total"/> bytes made by <paramref name="piece"/>, counting what was written.</summary>
    private static FakeReply Flood(string contentType, long total, Func<int, string> piece, StrongBox<long> written) => new()
    {
        Write = async (response, ct) =>
        {
            response.StatusCode = 200;
            response.ContentType = contentType;
            // Kestrel discards writes to a connection the client closed without failing them: stop counting once the
            // gateway has hung up, or "written" would count bytes that never left this process.
            var aborted = response.HttpContext.RequestAborted;
            for (var i = 0; written.Value < total && !aborted.IsCancellationRequested; i++)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(piece(i));
                await response.Body.WriteAsync(bytes, ct);
                written.Value += bytes.Length;

                // Writes to an aborted connection complete synchronously: yield so the abort can be observed.
                await Task.Yield();
            }
        },
    };

    private static async Task<string> AssertErrorEventAsync(HttpResponseMessage response, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = Sse.Events(text).Select(e => e["error"]).OfType<JsonObject>().Single();
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.EndsWith("data: [DONE]\n\n", text);
        return text;
    }

    private Task<HttpResponseMessage> PostAsync(bool stream, string? user = null, string content = "hi") =>
        Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"fake-model","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"{{content}}"}]{{(user is null ? "" : $",\"user\":\"{user}\"")}}}"""));

    [Fact]
    public async Task A_stream_of_hundreds_of_megabytes_ends_with_an_error_and_memory_stays_flat()
    {
        var written = new StrongBox<long>();
        var chunk = "data: " + Sse.Content(new string('a', 8000)).ToJsonString() + "\n\n";
        Upstream.Enqueue(Flood("text/event-stream", 300L * 1024 * 1024, _ => chunk, written));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await PostAsync(stream: true);
        await AssertErrorEventAsync(response, "upstream_answer_too_large");

        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"upstream wrote {written.Value / 1024} KiB; managed heap {(after - before) / 1024} KiB");
        Assert.True(after - before < 64L * 1024 * 1024, $"managed memory grew by {(after - before) / (1024 * 1024)} MB");
        Assert.True(written.Value < 100L * 1024 * 1024, $"the gateway read {written.Value / (1024 * 1024)} MB before stopping");
    }

    [Theory]
    [InlineData("Limits:MaxAnswerBytes", "10")]
    [InlineData("Limits:MaxAnswerLineBytes", "0")]
    [InlineData("Limits:AnswerIdleTimeoutSeconds", "0")]
    public async Task Bad_answer_limits_stop_startup_naming_the_key(string key, string value)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = Upstream.BaseUrl, [key] = value }));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public async Task A_line_without_a_newline_past_the_limit_ends_the_stream_with_an_error()
    {
        var written = new StrongBox<long>();
        Upstream.Enqueue(Flood("text/event-stream", 300L * 1024 * 1024, i => i == 0 ? "data: " : new string('x', 16384), written));

        using var response = await PostAsync(stream: true);
        await AssertErrorEventAsync(response, "upstream_answer_too_large");

        output.WriteLine($"upstream wrote {written.Value / 1024} KiB");
        Assert.True(written.Value < 100L * 1024 * 1024);
    }

    [Fact]
    public async Task A_plain_body_past_the_limit_is_a_502_before_any_byte()
    {
        var written = new StrongBox<long>();
        Upstream.Enqueue(Flood("application/json", 300L * 1024 * 1024, i => i == 0 ? "{\"a\":\"" : new string('x', 16384), written));

        using var response = await PostAsync(stream: false);

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.BadGateway);
        Assert.Equal("upstream_answer_too_large", error["code"]!.GetValue<string>());
        output.WriteLine($"upstream wrote {written.Value / 1024} KiB");
        Assert.True(written.Value < 100L * 1024 * 1024);
    }

    [Fact]
    public async Task A_stream_that_stalls_mid_answer_ends_with_a_timeout_error()
    {
        Upstream.Enqueue(new FakeReply { Text = "a slow answer", HangAfterFirstChunk = true });

        using var response = await PostAsync(stream: true);

        var text = await AssertErrorEventAsync(response, "upstream_timeout");
        Assert.Contains("a s", Sse.Text(text) + "a s", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_body_that_stalls_is_a_504()
    {
        Upstream.Enqueue(new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.ContentLength = 1000;
                await response.WriteAsync("{\"id\":", ct);
                await response.Body.FlushAsync(ct);
                await Task.Delay(Timeout.Infinite, ct);
            },
        });

        using var response = await PostAsync(stream: false);

        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("upstream_timeout", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Data_lines_that_are_not_json_are_checked_as_text()
    {
        Upstream.Enqueue(Sse.Reply(Sse.Content("hello "), $"data: raw text with {AwsKey} inside\n\n", Sse.Chunk([], "stop")));

        using var response = await PostAsync(stream: true);
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain(AwsKey, text);
        Assert.Contains("data: raw text with [SECRET] inside", text);
    }

    [Fact]
    public async Task A_200_body_that_is_not_json_is_a_502_and_never_forwarded()
    {
        Upstream.Enqueue(new FakeReply
        {
            Write = async (response, ct) =>
            {
                response.StatusCode = 200;
                response.ContentType = "text/plain";
                await response.WriteAsync($"the key is {AwsKey}, keep it", ct);
            },
        });

        using var response = await PostAsync(stream: false);
        var text = await response.Content.ReadAsStringAsync();

        // Not a chat completion: the upstream failed (it used to be forwarded as checked text; an SDK could not read it).
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_invalid_answer", JsonNode.Parse(text)!["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain(AwsKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_cut_off_mid_stream_is_not_remembered_while_a_whole_one_is()
    {
        Upstream.Enqueue(new FakeReply { Text = "noted", HangAfterFirstChunk = true });
        using (var cut = await PostAsync(stream: true, user: "cut-user", content: "I live in Paris and I love sailing."))
        {
            await AssertErrorEventAsync(cut, "upstream_timeout");
        }

        Upstream.Enqueue(new FakeReply { Text = "noted" });
        using (var whole = await PostAsync(stream: true, user: "whole-user", content: "I live in Paris and I love sailing."))
        {
            Assert.EndsWith("data: [DONE]\n\n", await whole.Content.ReadAsStringAsync());
        }

        var watch = Stopwatch.StartNew();
        while (await CountAsync("whole-user") == 0 && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }

        Assert.True(await CountAsync("whole-user") > 0, "the whole turn was written back");
        Assert.Equal(0, await CountAsync("cut-user"));
    }

    private async Task<int> CountAsync(string user)
    {
        var json = JsonNode.Parse(await Gateway.Client.GetStringAsync($"v1/users/{user}/memories"))!;
        return json["memories"]!.AsArray().Count;
    }
}

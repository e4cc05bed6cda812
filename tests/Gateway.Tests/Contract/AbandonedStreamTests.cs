using System.Net.Http.Headers;
using System.Text;
using Gateway.Tests.MemoryApi;

namespace Gateway.Tests.Contract;

/// <summary>A streamed call the client leaves mid-answer, through each API: the upstream call is cancelled, the turn is
/// abandoned (nothing pending for write-back, nothing remembered from it), the audit log keeps the input events and
/// still verifies, and the same user's next call is served and written back as usual (no lease or lock left behind).</summary>
public sealed class AbandonedStreamTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("responses")]
    [InlineData("messages")]
    public async Task A_stream_the_client_leaves_mid_answer_leaves_the_audit_log_and_write_back_consistent(string api)
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var user = MemoryGatewayFixture.NewUser("left-" + api);
        var memory = new MemoryApiClient(gateway.Client);
        upstream.DefaultReply = new FakeReply { HangAfterFirstChunk = true, ChunkSize = 40, Text = "Noted, that sounds like a lovely place to live and work." };

        using (var request = new HttpRequestMessage(HttpMethod.Post, Path(api)) { Content = Body(api, user, "My address is olga@example.com and I live in Lisbon.", stream: true) })
        using (var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[256];
            Assert.True(await body.ReadAsync(buffer) > 0); // the stream has begun; the client leaves here
        }

        await Until(() => upstream.AbortedRequests == 1, "the upstream call was not cancelled");
        await Until(async () => (await memory.ExportAsync(user)).Expect(HttpStatusCode.OK)["pendingTurns"]!.AsArray().Count == 0,
            "the abandoned turn is still pending");
        Assert.Empty((await memory.ListAsync(user)).Expect(HttpStatusCode.OK)["memories"]!.AsArray());

        var events = JsonNode.Parse(await gateway.Client.GetStringAsync($"v1/audit/events?userId={user}"))!["events"]!.AsArray();
        Assert.Contains(events, e => (string?)e!["stage"] == "input" && ((string?)e["rule"])!.StartsWith("pii.email", StringComparison.Ordinal));
        Assert.DoesNotContain("olga@example.com", events.ToJsonString(), StringComparison.Ordinal);
        Assert.True((bool)JsonNode.Parse(await gateway.Client.GetStringAsync("v1/audit/verify"))!["valid"]!);

        // The same user's next call is served whole and learned from.
        upstream.DefaultReply = new FakeReply { Text = "Noted." };
        using (var next = await gateway.Client.PostAsync(Path(api), Body(api, user, "I live in Lisbon and I keep bees.", stream: false)))
        {
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        await Until(async () => (await memory.ListAsync(user)).Expect(HttpStatusCode.OK)["memories"]!.AsArray().Count > 0,
            "the next call was not written back");
    }

    private static string Path(string api) => api switch
    {
        "chat" => "v1/chat/completions",
        "responses" => "v1/responses",
        _ => "v1/messages",
    };

    private static StringContent Body(string api, string user, string text, bool stream)
    {
        var said = JsonValue.Create(text)!.ToJsonString();
        var json = api switch
        {
            "chat" => $$"""{"model":"fake-model","user":"{{user}}","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{said}}}]}""",
            "responses" => $$"""{"model":"fake-model","user":"{{user}}","stream":{{(stream ? "true" : "false")}},"input":{{said}}}""",
            _ => $$"""{"model":"fake-model","max_tokens":64,"metadata":{"user_id":"{{user}}"},"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":{{said}}}]}""",
        };
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static Task Until(Func<bool> condition, string failure) => Until(() => Task.FromResult(condition()), failure);

    private static async Task Until(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}

namespace Gateway.Tests.Pipeline;

/// <summary>SSE lets one event's data span several <c>data:</c> lines (joined with line feeds). A chunk an upstream
/// sends that way is read as one chunk: guarded, relayed on one line and translated like any other.</summary>
public sealed class SplitEventTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private const string AwsKey = "AKIAZ3MSJV2QWERTY7XC";

    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    /// <summary>The chunk's JSON cut after its first comma: a data line that is not JSON alone, then the rest.</summary>
    private static string Split(JsonObject chunk)
    {
        var json = chunk.ToJsonString();
        var cut = json.IndexOf(',', StringComparison.Ordinal) + 1;
        return "data: " + json[..cut] + "\ndata: " + json[cut..] + "\n\n";
    }

    [Fact]
    public async Task A_chunk_over_two_data_lines_is_relayed_as_one_chunk()
    {
        Upstream.Enqueue(Sse.Reply(Split(Sse.Content("Hello ")), Sse.Content("world"), Split(Sse.Chunk([], "stop"))));

        var stream = await Sse.PostStreamAsync(Gateway);

        // Every relayed data line is a whole JSON chunk (Sse.Events parses each one), and no text was lost.
        Assert.Equal("Hello world", Sse.Text(stream));
        Assert.Contains(Sse.Events(stream), e => e["choices"]?[0]?["finish_reason"]?.GetValue<string>() == "stop");
        Assert.EndsWith("data: [DONE]\n\n", stream, StringComparison.Ordinal);
    }

    /// <summary>An upstream that cuts its text in UTF-16 units (as the acceptance checks' Node fake does, 3 units a
    /// chunk) sends an emoji's two surrogate halves as escapes in two chunks. The contract audit found each half
    /// repaired to U+FFFD on its own ("ab��cd"); the halves are joined, the emoji arrives whole.</summary>
    [Theory]
    [InlineData("{\"content\":\"ab\\ud83d\"}", "{\"content\":\"\\ude00cd\"}", "ab\U0001F600cd")]
    [InlineData("{\"content\":\"\\ud83d\"}", "{\"content\":\"\\udc69\\u200d\\ud83d\"}", "\U0001F469\u200D\uFFFD")]
    [InlineData("{\"content\":\"x\\ud83d\"}", "{\"content\":\"y\"}", "x\uFFFDy")]
    public async Task An_emoji_split_between_two_chunks_arrives_whole(string first, string second, string expected)
    {
        static string Line(string delta) =>
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n";
        Upstream.Enqueue(Sse.Reply(Line(first), Line(second), Sse.Chunk([], "stop")));

        var stream = await Sse.PostStreamAsync(Gateway);

        Assert.Equal(expected, Sse.Text(stream));
    }

    [Fact]
    public async Task An_emoji_split_between_two_chunks_with_logprobs_arrives_whole_in_both()
    {
        static string Line(string text) =>
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text
            + "\"},\"logprobs\":{\"content\":[{\"token\":\"" + text + "\",\"logprob\":-0.1,\"bytes\":[],\"top_logprobs\":[]}]},\"finish_reason\":null}]}\n\n";
        Upstream.Enqueue(Sse.Reply(Line("ab\\ud83d"), Line("\\ude00cd"), Sse.Chunk([], "stop")));

        var stream = await Sse.PostStreamAsync(Gateway, extra: ",\"logprobs\":true");

        Assert.Equal("ab\U0001F600cd", Sse.Text(stream));
        var tokens = Sse.Events(stream).SelectMany(e => e["choices"]?[0]?["logprobs"]?["content"] as JsonArray ?? [])
            .Select(t => (string?)t!["token"]);
        Assert.Equal("ab\U0001F600cd", string.Concat(tokens));
    }

    [Fact]
    public async Task A_secret_in_a_split_chunk_is_redacted_in_its_content()
    {
        Upstream.Enqueue(Sse.Reply(Sse.Content("Your key: "), Split(Sse.Content(AwsKey + " is set.")), Sse.Chunk([], "stop")));

        var stream = await Sse.PostStreamAsync(Gateway);

        Assert.DoesNotContain(AwsKey, stream, StringComparison.Ordinal);
        Assert.Equal("Your key: [SECRET] is set.", Sse.Text(stream));
    }

    [Fact]
    public async Task Data_lines_that_do_not_join_into_json_go_on_as_checked_text()
    {
        Upstream.Enqueue(Sse.Reply(Sse.Content("a"), $"data: {{not json\ndata: {AwsKey} either\n\n", Sse.Content("b")));

        var stream = await Sse.PostStreamAsync(Gateway);

        Assert.DoesNotContain(AwsKey, stream, StringComparison.Ordinal);
        Assert.Contains("data: {not json\n", stream, StringComparison.Ordinal);
        Assert.Contains("data: [SECRET] either\n", stream, StringComparison.Ordinal);
        Assert.Equal("ab", string.Concat(stream.Split('\n').Where(l => l.StartsWith("data: {\"", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l[6..])!["choices"]![0]!["delta"]!["content"]!.GetValue<string>())));
    }

    [Fact]
    public async Task A_split_chunk_reaches_a_messages_client_translated()
    {
        Upstream.Enqueue(Sse.Reply(Split(Sse.Content("Bonjour ")), Split(Sse.Content("tout le monde")), Sse.Chunk([], "stop")));

        using var response = await Gateway.Client.PostAsync("v1/messages", HttpAssert.Json(
            """{"model":"fake-model","max_tokens":50,"stream":true,"messages":[{"role":"user","content":"hi"}]}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deltas = text.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l[6..])!).Where(e => e["type"]?.GetValue<string>() == "content_block_delta")
            .Select(e => e["delta"]!["text"]!.GetValue<string>());
        Assert.Equal("Bonjour tout le monde", string.Concat(deltas));
    }
}

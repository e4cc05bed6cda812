namespace Gateway.Tests.Pipeline;

/// <summary>Issue 14.1: every field of an answer passes the output guard, plain and streamed.</summary>
public sealed class AnswerFieldGuardTests(PipelineFixture fixture) : IClassFixture<PipelineFixture>
{
    private const string Card = "4111 1111 1111 1111";
    private const string AwsKey = "AKIAZ3MSJV2QWERTY7XC";

    private FakeOpenAIUpstream Upstream => fixture.Upstream;
    private TestGateway Gateway => fixture.Gateway;

    private static JsonObject Answer(JsonObject message, JsonObject? logprobs = null, string finish = "stop") => new()
    {
        ["id"] = "chatcmpl-x",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["logprobs"] = logprobs, ["finish_reason"] = finish }),
    };

    /// <summary>Logprob entries for <paramref name="tokens"/>, each with itself as its top alternative.</summary>
    private static JsonArray Logprobs(IEnumerable<string> tokens) => new(tokens.Select(t => (JsonNode)new JsonObject
    {
        ["token"] = t,
        ["logprob"] = -0.1,
        ["bytes"] = new JsonArray(System.Text.Encoding.UTF8.GetBytes(t).Select(b => (JsonNode)b).ToArray()),
        ["top_logprobs"] = new JsonArray(new JsonObject { ["token"] = t, ["logprob"] = -0.1 }),
    }).ToArray());

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length; i += 3)
        {
            tokens.Add(text.Substring(i, Math.Min(3, text.Length - i)));
        }

        return tokens;
    }

    private async Task<JsonObject> PostPlainAsync(string extra = "")
    {
        using var response = await Gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            $$"""{"model":"fake-model","messages":[{"role":"user","content":"hi"}]{{extra}}}"""));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return (JsonObject)JsonNode.Parse(text)!;
    }

    private static string Spelled(JsonNode? logprobs) =>
        string.Concat((logprobs?["content"] as JsonArray ?? []).Select(e => e!["token"]!.GetValue<string>()))
        + string.Concat((logprobs?["content"] as JsonArray ?? []).SelectMany(e => (e!["top_logprobs"] as JsonArray ?? []).Select(t => t!["token"]!.GetValue<string>())))
        + string.Concat((logprobs?["content"] as JsonArray ?? []).SelectMany(e => (e!["bytes"] as JsonArray ?? []).Select(b => (char)b!.GetValue<int>())));

    [Fact]
    public async Task Plain_logprobs_do_not_spell_out_what_the_content_redaction_removed()
    {
        var content = $"Your card {Card} and key {AwsKey} are stored.";
        Upstream.Enqueue(new FakeReply { RawAnswer = Answer(new JsonObject { ["role"] = "assistant", ["content"] = content }, new JsonObject { ["content"] = Logprobs(Tokenize(content)), ["refusal"] = null }) });

        var answer = await PostPlainAsync(""","logprobs":true,"top_logprobs":1""");

        var choice = answer["choices"]![0]!;
        var text = choice["message"]!["content"]!.GetValue<string>();
        Assert.Equal("Your card [CARD] and key [SECRET] are stored.", text);
        var spelled = Spelled(choice["logprobs"]).Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", spelled);
        Assert.DoesNotContain(AwsKey, spelled);
        Assert.Contains("Your", spelled);
    }

    [Fact]
    public async Task Plain_tool_call_arguments_have_secrets_and_cards_redacted_and_stay_json()
    {
        Upstream.Enqueue(new FakeReply { ToolCall = ("charge", $$"""{"card":"{{Card}}","aws":"{{AwsKey}}","note":"ok"}""") });

        var answer = await PostPlainAsync(""","tools":[{"type":"function","function":{"name":"charge","parameters":{"type":"object"}}}],"tool_choice":"required" """);

        var arguments = answer["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>();
        Assert.DoesNotContain(Card, arguments);
        Assert.DoesNotContain(AwsKey, arguments);
        var parsed = (JsonObject)JsonNode.Parse(arguments)!;
        Assert.Equal("[CARD]", parsed["card"]!.GetValue<string>());
        Assert.Equal("[SECRET]", parsed["aws"]!.GetValue<string>());
        Assert.Equal("ok", parsed["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_email_in_tool_arguments_is_flagged_not_redacted_by_default()
    {
        Upstream.Enqueue(new FakeReply { ToolCall = ("send_mail", """{"to":"jane.doe@example.org"}""") });

        var answer = await PostPlainAsync();

        var arguments = answer["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>();
        Assert.Equal("""{"to":"jane.doe@example.org"}""", arguments);
    }

    [Fact]
    public async Task A_policy_can_redact_personal_data_in_tool_arguments()
    {
        Upstream.Enqueue(new FakeReply { ToolCall = ("send_mail", """{"to":"jane.doe@example.org","body":"hi"}""") });
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"mail jane"}]}"""),
        };
        request.Headers.Add("X-Memory-Context", PipelineFixture.ToolsContext);

        using var response = await Gateway.Client.SendAsync(request);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var arguments = answer["choices"]![0]!["message"]!["tool_calls"]![0]!["function"]!["arguments"]!.GetValue<string>();
        Assert.Equal("[EMAIL]", JsonNode.Parse(arguments)!["to"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plain_refusal_reasoning_and_content_parts_are_redacted()
    {
        Upstream.Enqueue(new FakeReply
        {
            RawAnswer = Answer(new JsonObject
            {
                ["role"] = "assistant",
                ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"part with {AwsKey}" }),
                ["refusal"] = $"I will not use {Card}",
                ["reasoning_content"] = $"the key {AwsKey} looks real",
                ["reasoning"] = $"card {Card}",
            }),
        });

        var answer = await PostPlainAsync();

        var json = answer.ToJsonString();
        Assert.DoesNotContain(AwsKey, json);
        Assert.DoesNotContain(Card, json);
        var message = answer["choices"]![0]!["message"]!;
        Assert.Equal("part with [SECRET]", message["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("I will not use [CARD]", message["refusal"]!.GetValue<string>());
    }

    [Fact]
    public async Task Streamed_tool_argument_deltas_are_redacted_across_chunks_and_stay_json()
    {
        var arguments = $$"""{"aws":"{{AwsKey}}","card":"{{Card}}"}""";
        var events = new List<object> { Sse.Chunk(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["id"] = "call_1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "charge", ["arguments"] = "" } }) }) };
        for (var i = 0; i < arguments.Length; i += 4)
        {
            events.Add(Sse.Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = arguments.Substring(i, Math.Min(4, arguments.Length - i)) } }) }));
        }

        events.Add(Sse.Chunk([], "tool_calls"));
        Upstream.Enqueue(Sse.Reply(events.ToArray()));

        var stream = await Sse.PostStreamAsync(Gateway);

        var relayed = Sse.ToolArguments(stream);
        Assert.DoesNotContain(AwsKey, stream);
        Assert.DoesNotContain("1111 1111", stream);
        var parsed = (JsonObject)JsonNode.Parse(relayed)!;
        Assert.Equal("[SECRET]", parsed["aws"]!.GetValue<string>());
        Assert.Equal("[CARD]", parsed["card"]!.GetValue<string>());
        Assert.EndsWith("data: [DONE]\n\n", stream);
    }

    [Fact]
    public async Task Streamed_logprobs_follow_their_text_and_never_spell_a_redacted_card()
    {
        var content = $"Card {Card} noted, thanks a lot.";
        var events = new List<object>();
        for (var i = 0; i < content.Length; i += 3)
        {
            var piece = content.Substring(i, Math.Min(3, content.Length - i));
            events.Add(Sse.Chunk(new JsonObject { ["content"] = piece }, logprobs: new JsonObject { ["content"] = Logprobs([piece]) }));
        }

        events.Add(Sse.Chunk([], "stop"));
        Upstream.Enqueue(Sse.Reply(events.ToArray()));

        var stream = await Sse.PostStreamAsync(Gateway, ""","logprobs":true""");

        Assert.Equal("Card [CARD] noted, thanks a lot.", Sse.Text(stream));
        var tokens = string.Concat(Sse.Events(stream).SelectMany(e => (e["choices"]?[0]?["logprobs"]?["content"] as JsonArray ?? []).Select(t => t!["token"]!.GetValue<string>())));
        Assert.DoesNotContain("1111", tokens);
        // Tokens that overlap the redacted stretch are dropped; the clean ones after it flow with their text.
        Assert.EndsWith("hanks a lot.", tokens, StringComparison.Ordinal);
        Assert.StartsWith("Car", tokens, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streamed_refusal_and_reasoning_deltas_are_redacted()
    {
        Upstream.Enqueue(Sse.Reply(
            Sse.Chunk(new JsonObject { ["reasoning_content"] = "the key AKIAZ3MS" }),
            Sse.Chunk(new JsonObject { ["reasoning_content"] = "JV2QWERTY7XC is real " }),
            Sse.Chunk(new JsonObject { ["refusal"] = $"no, {Card[..9]}" }),
            Sse.Chunk(new JsonObject { ["refusal"] = $"{Card[9..]} stays private" }),
            Sse.Chunk([], "stop")));

        var stream = await Sse.PostStreamAsync(Gateway);

        Assert.DoesNotContain(AwsKey, Sse.Text(stream, "reasoning_content"));
        Assert.Contains("[SECRET]", Sse.Text(stream, "reasoning_content"));
        Assert.Equal("no, [CARD] stays private", Sse.Text(stream, "refusal"));
    }
}

using OpenAI.Chat;

namespace Gateway.Tests.Proxy;

/// <summary>The built-in echo upstream answers like a model, plain and streamed, with no LLM anywhere.</summary>
public sealed class EchoUpstreamTests
{
    [Fact]
    public async Task Echo_answers_plain_and_streamed_with_a_labelled_account()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });
        var client = SdkClients.Chat(gateway, "echo");

        ChatCompletion plain = await client.CompleteChatAsync([new UserChatMessage("what do you see?")]);
        var streamed = new List<string>();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("and now?")]))
        {
            streamed.AddRange(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Contains("[echo upstream", plain.Content[0].Text, StringComparison.Ordinal);
        Assert.Contains("what do you see?", plain.Content[0].Text, StringComparison.Ordinal);
        Assert.Contains("and now?", string.Concat(streamed), StringComparison.Ordinal);
    }

    /// <summary>README's quick start: a user's memory shows in the echo's answer. The echoed block used to carry the
    /// request's canary, so the leakage guardrail blocked every personalized echo answer (the contract audit).</summary>
    [Fact]
    public async Task A_personalized_echo_answer_shows_the_injected_memory_and_is_not_blocked()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });
        using (var write = await gateway.Client.PostAsync("v1/users/alice/memories", HttpAssert.Json("""{"memories":[{"text":"Alice is allergic to peanuts."}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        }

        foreach (var stream in new[] { false, true })
        {
            using var response = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
                $$"""{"model":"echo","user":"alice","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Any snack ideas?"}]}"""));
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("peanuts", body, StringComparison.Ordinal);
            Assert.DoesNotContain("content_filter", body, StringComparison.Ordinal);
            Assert.DoesNotContain("blocked", body, StringComparison.Ordinal);
        }
    }

    /// <summary>The echo answers in OpenAI's shapes for what the request asks: <c>n</c> choices (it answered one
    /// whatever n said) and, streamed with <c>stream_options.include_usage</c>, a last chunk with the usage and no
    /// choices (it sent none).</summary>
    [Fact]
    public async Task Echo_gives_n_choices_and_the_usage_chunk_a_stream_asks_for()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = "echo:" });

        using (var plain = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
                   """{"model":"echo","n":3,"messages":[{"role":"user","content":"three please"}]}""")))
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            var choices = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["choices"]!.AsArray();
            Assert.Equal([0, 1, 2], choices.Select(c => (int)c!["index"]!));
            Assert.All(choices, c => Assert.Contains("three please", (string?)c!["message"]!["content"], StringComparison.Ordinal));
        }

        using var streamed = await gateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(
            """{"model":"echo","n":2,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"two please"}]}"""));
        var events = (await streamed.Content.ReadAsStringAsync()).Split("\n")
            .Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        foreach (var index in new[] { 0, 1 })
        {
            var text = string.Concat(chunks.SelectMany(c => c["choices"]!.AsArray())
                .Where(c => (int)c!["index"]! == index).Select(c => (string?)c!["delta"]?["content"]));
            Assert.Contains("two please", text, StringComparison.Ordinal);
            Assert.Contains(chunks.SelectMany(c => c["choices"]!.AsArray()), c => (int)c!["index"]! == index && (string?)c["finish_reason"] == "stop");
        }

        var last = chunks[^1];
        Assert.Empty(last["choices"]!.AsArray());
        Assert.NotNull(last["usage"]?["total_tokens"]);
        Assert.All(chunks[..^1], c => Assert.Null(c["usage"]));
    }
}

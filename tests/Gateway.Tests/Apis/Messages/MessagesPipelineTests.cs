using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using TestDoubles.Anthropic;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Issue 17: a Messages call gets the same memory and guardrails as chat, its errors in Anthropic's shape.</summary>
public sealed class MessagesPipelineTests(MessagesFixture fixture) : IClassFixture<MessagesFixture>
{
    [Fact]
    public async Task Memory_is_injected_into_the_system_prompt_for_the_metadata_user_through_either_upstream()
    {
        foreach (var gateway in new[] { fixture.ChatGateway, fixture.AnthropicGateway })
        {
            using var seeded = await gateway.Client.PostAsync("v1/users/mia/memories", HttpAssert.Json(
                """{"memories":[{"text":"Mia is allergic to peanuts"}]}"""));
            Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        }

        var chatClient = AnthropicSdk.Client(fixture.ChatGateway);
        await chatClient.Messages.Create(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 32,
            Metadata = new Metadata { UserID = "mia" },
            Messages = [new UserMessageParam("Any peanuts allergy snack ideas? memory-chat")],
        });
        var toChat = fixture.ChatUpstream.ChatRequests.Last(r => r.RawBody.Contains("memory-chat", StringComparison.Ordinal)).Json!;
        Assert.Contains("allergic to peanuts", toChat["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        // The upstreams get the user's pseudonym (Upstream:ForwardUser, UpstreamUserForwardingTests), never the id.
        Assert.Equal(fixture.ChatGateway.Services.GetRequiredService<Gateway.Upstream.UpstreamUserIds>().Forwarded("default", "mia"), toChat["user"]!.GetValue<string>());

        var nativeClient = AnthropicSdk.Client(fixture.AnthropicGateway);
        await foreach (var _ in nativeClient.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "claude-fake",
            MaxTokens = 32,
            Metadata = new Metadata { UserID = "mia" },
            Messages = [new UserMessageParam("Any peanuts allergy snack ideas? memory-native")],
        }))
        {
        }

        var toAnthropic = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("memory-native", StringComparison.Ordinal)).Json!;
        Assert.True(toAnthropic["system"] is not null, toAnthropic.ToJsonString());
        Assert.Contains("allergic to peanuts", toAnthropic["system"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(fixture.AnthropicGateway.Services.GetRequiredService<Gateway.Upstream.UpstreamUserIds>().Forwarded("default", "mia"), toAnthropic["metadata"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Personal_data_is_redacted_in_streamed_text_and_tool_input_through_a_chat_upstream()
    {
        fixture.ChatUpstream.Enqueue(Gateway.Tests.Pipeline.Sse.Reply(
            Gateway.Tests.Pipeline.Sse.Content("Writing to jane.do"),
            Gateway.Tests.Pipeline.Sse.Content("e@example.org now. "),
            Gateway.Tests.Pipeline.Sse.Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["id"] = "call_m1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "send_mail", ["arguments"] = "{\"to\":\"jane.d" },
            }) }),
            Gateway.Tests.Pipeline.Sse.Chunk(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = "oe@example.org\"}" } }) }),
            Gateway.Tests.Pipeline.Sse.Chunk([], "tool_calls")));

        using var response = await MessagesRaw.PostAsync(fixture.ChatGateway,
            """{"model":"fake-model","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"mail jane"}]}""", MessagesFixture.ToolsContext);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("example.org", stream, StringComparison.Ordinal);
        var events = MessagesRaw.Events(stream);
        Assert.Equal("Writing to [EMAIL] now. ", MessagesRaw.Text(events));
        Assert.Equal("[EMAIL]", JsonNode.Parse(MessagesRaw.InputJson(events))!["to"]!.GetValue<string>());
        AssertWellFormed(events, "tool_use");
    }

    [Fact]
    public async Task Personal_data_is_redacted_in_streamed_text_and_tool_input_through_an_anthropic_upstream()
    {
        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply
        {
            Text = "Writing to jane.doe@example.org now.",
            ToolUse = ("send_mail", """{"to":"jane.doe@example.org"}"""),
            ChunkSize = 5,
        });

        using var response = await MessagesRaw.PostAsync(fixture.AnthropicGateway,
            """{"model":"claude-fake","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"mail jane"}]}""", MessagesFixture.ToolsContext);
        var stream = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("example.org", stream, StringComparison.Ordinal);
        var events = MessagesRaw.Events(stream);
        Assert.Equal("Writing to [EMAIL] now.", MessagesRaw.Text(events));
        Assert.Equal("[EMAIL]", JsonNode.Parse(MessagesRaw.InputJson(events))!["to"]!.GetValue<string>());
        AssertWellFormed(events, "tool_use");
    }

    [Fact]
    public async Task A_stream_has_the_messages_event_sequence_with_event_lines()
    {
        using var response = await MessagesRaw.PostAsync(fixture.ChatGateway,
            """{"model":"fake-model","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi [[reply:one two three]]"}]}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), response.Headers.GetValues("request-id").Single());
        var events = MessagesRaw.Events(await response.Content.ReadAsStringAsync());
        Assert.Equal(["message_start", "ping", "content_block_start"], events.Take(3).Select(e => e.Name));
        Assert.Equal("one two three", MessagesRaw.Text(events));
        AssertWellFormed(events, "end_turn");
        Assert.Equal(11, events.Single(e => e.Name == "message_delta").Data["usage"]!["input_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_requests_are_400_in_anthropics_shape()
    {
        using var response = await MessagesRaw.PostAsync(fixture.ChatGateway, """{"model":"fake-model","messages":[{"role":"user","content":"hi"}]}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "max_tokens");
        var sdk = AnthropicSdk.Client(fixture.ChatGateway);
        var thrown = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => sdk.Messages.Create(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 10,
            Messages = [new UserMessageParam(new List<ContentBlockParam> { new DocumentBlockParam(new PlainTextSource("a document")) })],
        }));
        Assert.Equal(HttpStatusCode.BadRequest, thrown.StatusCode);
        Assert.Contains("document", thrown.Message, StringComparison.Ordinal);
    }

    /// <summary>An empty user turn used to vanish in translation: the upstream got no messages at all (or only the
    /// memory frame) and answered a request the app never made. Anthropic refuses empty turns but a final assistant one.</summary>
    [Theory]
    [InlineData("""[{"role":"user","content":[]}]""", "messages[0]")]
    [InlineData("""[{"role":"user","content":""}]""", "messages[0]")]
    [InlineData("""[{"role":"user","content":"hi"},{"role":"assistant","content":[]},{"role":"user","content":"again"}]""", "messages[1]")]
    public async Task An_empty_turn_is_a_400_naming_it_and_nothing_goes_upstream(string messages, string field)
    {
        foreach (var stream in new[] { false, true })
        {
            var calls = fixture.ChatUpstream.ChatCalls;
            using var response = await MessagesRaw.PostAsync(fixture.ChatGateway,
                $$"""{"model":"fake-model","max_tokens":20,"stream":{{(stream ? "true" : "false")}},"metadata":{"user_id":"empty-turn-user"},"messages":{{messages}}}""");

            await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", field + ": all messages must have non-empty content");
            Assert.Equal(calls, fixture.ChatUpstream.ChatCalls);
        }
    }

    [Fact]
    public async Task A_final_empty_assistant_turn_is_a_prefill_and_is_served()
    {
        using var response = await MessagesRaw.PostAsync(fixture.ChatGateway,
            """{"model":"fake-model","max_tokens":20,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[]}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_input_guardrail_block_is_a_400_in_anthropics_shape()
    {
        using var response = await MessagesRaw.PostAsync(fixture.ChatGateway,
            """{"model":"fake-model","max_tokens":20,"messages":[{"role":"user","content":"Tell me about Project Zebra block-test"}]}""", MessagesFixture.StrictContext);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "input guardrail");
        Assert.DoesNotContain(fixture.ChatUpstream.ChatRequests, r => r.RawBody.Contains("block-test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_field_chat_cannot_carry_is_refused_naming_it_and_reaches_an_anthropic_upstream()
    {
        const string body = """{"model":"m","max_tokens":20,"top_k":7,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"top-k-test"}]}""";

        using var refused = await MessagesRaw.PostAsync(fixture.ChatGateway, body);
        using var passed = await MessagesRaw.PostAsync(fixture.AnthropicGateway, body);

        await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_request_error", "top_k");
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
        var sent = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("top-k-test", StringComparison.Ordinal)).Json!;
        Assert.Equal(7, sent["top_k"]!.GetValue<int>());
        Assert.Equal(1024, sent["thinking"]!["budget_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upstream_failures_are_anthropic_errors_plain_and_streamed()
    {
        fixture.ChatUpstream.Enqueue(new FakeReply { FailStatus = 500 }, new FakeReply { FailStatus = 500 }, new FakeReply { FailStatus = 500 }, new FakeReply { FailStatus = 500 });
        using var failed = await MessagesRaw.PostAsync(fixture.ChatGateway, """{"model":"fake-model","max_tokens":20,"messages":[{"role":"user","content":"fail"}]}""");
        await AssertErrorAsync(failed, HttpStatusCode.BadGateway, "api_error", "Upstream");

        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply { Text = "partial answer", StreamErrorType = "overloaded_error" });
        using var broken = await MessagesRaw.PostAsync(fixture.AnthropicGateway,
            """{"model":"claude-fake","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"break"}]}""");
        var events = MessagesRaw.Events(await broken.Content.ReadAsStringAsync());
        var error = events[^1];
        Assert.Equal("error", error.Name);
        Assert.Equal("api_error", error.Data["error"]!["type"]!.GetValue<string>());
        Assert.Contains("overloaded_error", error.Data["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Name == "message_stop");
    }

    [Fact]
    public async Task Keys_are_read_from_x_api_key_or_bearer_and_refusals_are_anthropic_errors()
    {
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = fixture.ChatUpstream.BaseUrl,
            ["Auth:Keys:0:Key"] = "key-chat-0000",
            ["Auth:Keys:0:Scopes:0"] = "chat",
            ["Auth:Keys:1:Key"] = "key-memory-111",
            ["Auth:Keys:1:Scopes:0"] = "memory:read",
        });
        const string body = """{"model":"fake-model","max_tokens":20,"messages":[{"role":"user","content":"hi [[reply:keyed]]"}]}""";

        using var none = await MessagesRaw.PostAsync(gateway, body);
        using var wrong = await MessagesRaw.PostAsync(gateway, body, apiKey: "nope");
        using var outOfScope = await MessagesRaw.PostAsync(gateway, body, apiKey: "key-memory-111");
        var viaSdk = await AnthropicSdk.Client(gateway, "key-chat-0000").Messages.Create(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 20,
            Messages = [new UserMessageParam("hi [[reply:keyed]]")],
        });
        using var bearer = new HttpRequestMessage(HttpMethod.Post, "v1/messages") { Content = HttpAssert.Json(body) };
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "key-chat-0000");
        using var viaBearer = await gateway.Client.SendAsync(bearer);

        await AssertErrorAsync(none, HttpStatusCode.Unauthorized, "authentication_error", "x-api-key"); // the header Anthropic's SDKs send
        await AssertErrorAsync(wrong, HttpStatusCode.Unauthorized, "authentication_error", "API key");
        await AssertErrorAsync(outOfScope, HttpStatusCode.Forbidden, "permission_error", "chat");
        Assert.True(viaSdk.Content[0].TryPickText(out var text));
        Assert.Equal("keyed", text!.Text);
        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
    }

    [Fact]
    public async Task Signed_thinking_from_an_anthropic_upstream_reaches_the_app_and_goes_back_with_the_next_turn()
    {
        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply { Thinking = ("Porto is in Portugal.", "sig-abc"), ToolUse = ("get_weather", """{"city":"Porto"}""") });
        const string tools = """ "tools":[{"name":"get_weather","input_schema":{"type":"object"}}],"thinking":{"type":"enabled","budget_tokens":1024} """;

        using var first = await MessagesRaw.PostAsync(fixture.AnthropicGateway,
            $$"""{"model":"claude-fake","max_tokens":2048,"stream":true,{{tools}},"messages":[{"role":"user","content":"weather in Porto? thinking-trip"}]}""");
        var events = MessagesRaw.Events(await first.Content.ReadAsStringAsync());

        Assert.Equal("thinking", events.First(e => e.Name == "content_block_start").Data["content_block"]!["type"]!.GetValue<string>());
        var deltas = events.Where(e => e.Name == "content_block_delta").Select(e => e.Data["delta"]!).ToList();
        Assert.Equal("Porto is in Portugal.", string.Concat(deltas.Where(d => d["type"]!.GetValue<string>() == "thinking_delta").Select(d => d["thinking"]!.GetValue<string>())));
        Assert.Equal("sig-abc", deltas.Single(d => d["type"]!.GetValue<string>() == "signature_delta")["signature"]!.GetValue<string>());
        AssertWellFormed(events, "tool_use");

        using var second = await MessagesRaw.PostAsync(fixture.AnthropicGateway, $$$"""
            {"model":"claude-fake","max_tokens":2048,{{{tools}}},"messages":[
              {"role":"user","content":"weather in Porto? thinking-trip-2"},
              {"role":"assistant","content":[{"type":"thinking","thinking":"Porto is in Portugal.","signature":"sig-abc"},{"type":"tool_use","id":"toolu_fake_1","name":"get_weather","input":{"city":"Porto"}}]},
              {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_fake_1","content":"18C"}]}]}
            """);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var sent = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("thinking-trip-2", StringComparison.Ordinal)).Json!;
        var assistant = sent["messages"]![1]!["content"]!.AsArray();
        Assert.Equal(["thinking", "tool_use"], assistant.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal("sig-abc", assistant[0]!["signature"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plain_answer_keeps_signed_thinking_first()
    {
        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply { Thinking = ("think", "sig-plain"), Text = "done" });

        using var response = await MessagesRaw.PostAsync(fixture.AnthropicGateway,
            """{"model":"claude-fake","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"plain-thinking"}]}""");
        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("thinking", message["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("sig-plain", message["content"]![0]!["signature"]!.GetValue<string>());
        Assert.Equal("done", message["content"]![1]!["text"]!.GetValue<string>());
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string mentions)
    {
        Assert.Equal(status, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", json["type"]!.GetValue<string>());
        Assert.Equal(type, json["error"]!["type"]!.GetValue<string>());
        Assert.Contains(mentions, json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Blocks open, take deltas and close one after another; the message ends with its stop reason.</summary>
    private static void AssertWellFormed(List<(string Name, JsonObject Data)> events, string stopReason)
    {
        Assert.Equal("message_start", events[0].Name);
        int? open = null;
        var next = 0;
        foreach (var (name, data) in events)
        {
            switch (name)
            {
                case "content_block_start":
                    Assert.Null(open);
                    Assert.Equal(next, data["index"]!.GetValue<int>());
                    open = next++;
                    break;
                case "content_block_delta":
                    Assert.Equal(open, data["index"]!.GetValue<int>());
                    break;
                case "content_block_stop":
                    Assert.Equal(open, data["index"]!.GetValue<int>());
                    open = null;
                    break;
            }
        }

        Assert.Null(open);
        Assert.Equal(stopReason, events.Single(e => e.Name == "message_delta").Data["delta"]!["stop_reason"]!.GetValue<string>());
        Assert.Equal("message_stop", events[^1].Name);
    }
}

using System.Text.Json;
using Anthropic;
using Anthropic.Helpers;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Issue 17: the Anthropic SDK talks to <c>/v1/messages</c> as it would to Anthropic, with a chat
/// completions upstream behind the gateway (the call translated) and with an Anthropic one.</summary>
public sealed class MessagesSdkTests(MessagesFixture fixture) : IClassFixture<MessagesFixture>
{
    private static readonly Tool Weather = new()
    {
        Name = "get_weather",
        Description = "Weather for a city",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
            Required = ["city"],
        },
    };

    [Fact]
    public async Task A_plain_message_is_answered_through_a_chat_upstream()
    {
        var client = AnthropicSdk.Client(fixture.ChatGateway);

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 64,
            System = "be brief plain-chat-test",
            Messages = [new UserMessageParam("hello [[reply:plain through chat]]")],
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("plain through chat", text!.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal(11, message.Usage.InputTokens);
        Assert.Equal(7, message.Usage.OutputTokens);
        var sent = fixture.ChatUpstream.ChatRequests.Last(r => r.RawBody.Contains("plain-chat-test", StringComparison.Ordinal)).Json!;
        Assert.Equal("system", sent["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Contains("be brief plain-chat-test", sent["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(64, sent["max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_streamed_message_arrives_as_deltas_through_a_chat_upstream()
    {
        var client = AnthropicSdk.Client(fixture.ChatGateway);
        var deltas = new List<string>();
        var aggregator = new MessageContentAggregator();
        await foreach (var e in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 64,
            Messages = [new UserMessageParam("hi [[reply:streamed through chat]]")],
        }).CollectAsync(aggregator))
        {
            if (e.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var text))
            {
                deltas.Add(text.Text);
            }
        }

        var message = aggregator.Message();
        Assert.Equal("streamed through chat", string.Concat(deltas));
        Assert.True(deltas.Count >= 3, "the answer came as several deltas");
        Assert.True(message.Content[0].TryPickText(out var whole));
        Assert.Equal("streamed through chat", whole!.Text);
        Assert.Equal("end_turn", message.StopReason?.Raw());
        Assert.Equal(7, message.Usage.OutputTokens);
    }

    [Fact]
    public async Task A_plain_message_is_answered_by_an_anthropic_upstream()
    {
        var client = AnthropicSdk.Client(fixture.AnthropicGateway);

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "claude-fake",
            MaxTokens = 50,
            StopSequences = ["END"],
            System = "native-plain-test",
            Messages = [new UserMessageParam("hello [[reply:native answer]]")],
        });

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal("native answer", text!.Text);
        Assert.Equal(13, message.Usage.InputTokens);
        Assert.Equal(5, message.Usage.OutputTokens);
        var sent = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("native-plain-test", StringComparison.Ordinal));
        Assert.Equal(FakeAnthropicUpstreamKey, sent.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", sent.Headers["anthropic-version"]);
        var body = sent.Json!;
        Assert.Contains("native-plain-test", body["system"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(50, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("END", body["stop_sequences"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_streamed_tool_round_trip_goes_through_a_chat_upstream()
    {
        var upstream = fixture.ChatUpstream;
        upstream.Enqueue(ToolCallStream("get_weather", """{"city":""", """ "Porto"}"""));
        var client = AnthropicSdk.Client(fixture.ChatGateway);
        var request = new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 64,
            Tools = [Weather],
            ToolChoice = new ToolChoiceAny(),
            Messages = [new UserMessageParam("weather in Porto? chat-tool-trip")],
        };

        var first = await client.Messages.CreateStreaming(request).Aggregate();

        Assert.Equal("tool_use", first.StopReason?.Raw());
        var call = first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("call_w1", call.ID);
        Assert.Equal("Porto", call.Input["city"].GetString());

        var second = await client.Messages.CreateStreaming(request with
        {
            Messages =
            [
                new UserMessageParam("weather in Porto? chat-tool-trip"),
                new AssistantMessageParam(new List<ContentBlockParam> { new ToolUseBlockParam { ID = call.ID, Name = call.Name, Input = call.Input } }),
                new UserMessageParam(new List<ContentBlockParam>
                {
                    new ToolResultBlockParam { ToolUseID = call.ID, Content = "18C and sunny" },
                    new TextBlockParam { Text = "so? [[reply:It is 18C in Porto.]]" },
                }),
            ],
        }).Aggregate();

        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal("It is 18C in Porto.", answer!.Text);
        var sent = upstream.ChatRequests.Last().Json!;
        var messages = sent["messages"]!.AsArray();
        var assistant = messages.Single(m => m!["role"]!.GetValue<string>() == "assistant")!;
        Assert.Equal("call_w1", assistant["tool_calls"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("get_weather", assistant["tool_calls"]![0]!["function"]!["name"]!.GetValue<string>());
        var tool = messages.Single(m => m!["role"]!.GetValue<string>() == "tool")!;
        Assert.Equal("call_w1", tool["tool_call_id"]!.GetValue<string>());
        Assert.Equal("18C and sunny", tool["content"]!.GetValue<string>());
        Assert.Equal("required", sent["tool_choice"]!.GetValue<string>());
        Assert.Equal("get_weather", sent["tools"]![0]!["function"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_streamed_tool_round_trip_goes_through_an_anthropic_upstream()
    {
        var upstream = fixture.AnthropicUpstream;
        upstream.Enqueue(new TestDoubles.Anthropic.FakeAnthropicReply { Text = "Let me check.", ToolUse = ("get_weather", """{"city": "Porto"}"""), ChunkSize = 3 });
        var client = AnthropicSdk.Client(fixture.AnthropicGateway);
        var request = new MessageCreateParams
        {
            Model = "claude-fake",
            MaxTokens = 64,
            Tools = [Weather],
            Messages = [new UserMessageParam("weather in Porto? native-tool-trip")],
        };

        var first = await client.Messages.CreateStreaming(request).Aggregate();

        Assert.Equal("tool_use", first.StopReason?.Raw());
        Assert.True(first.Content[0].TryPickText(out var preface));
        Assert.Equal("Let me check.", preface!.Text);
        var call = first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();
        Assert.Equal("toolu_fake_1", call.ID);
        Assert.Equal("Porto", call.Input["city"].GetString());

        upstream.Enqueue(new TestDoubles.Anthropic.FakeAnthropicReply { Text = "18C in Porto." });
        var second = await client.Messages.CreateStreaming(request with
        {
            Messages =
            [
                new UserMessageParam("weather in Porto? native-tool-trip"),
                new AssistantMessageParam(new List<ContentBlockParam> { new TextBlockParam { Text = "Let me check." }, new ToolUseBlockParam { ID = call.ID, Name = call.Name, Input = call.Input } }),
                new UserMessageParam(new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = call.ID, Content = "18C", IsError = false } }),
            ],
        }).Aggregate();

        Assert.True(second.Content[0].TryPickText(out var answer));
        Assert.Equal("18C in Porto.", answer!.Text);
        var sent = upstream.Requests.Last().Json!;
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("tool_use", messages[1]!["content"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("toolu_fake_1", messages[1]!["content"]![1]!["id"]!.GetValue<string>());
        Assert.Equal("Porto", messages[1]!["content"]![1]!["input"]!["city"]!.GetValue<string>());
        Assert.Equal("tool_result", messages[2]!["content"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("toolu_fake_1", messages[2]!["content"]![0]!["tool_use_id"]!.GetValue<string>());
        Assert.Equal("object", sent["tools"]![0]!["input_schema"]!["type"]!.GetValue<string>());
    }

    private const string FakeAnthropicUpstreamKey = TestDoubles.Anthropic.FakeAnthropicUpstream.ApiKey;

    /// <summary>A chat upstream streaming one tool call: id and name first, then the arguments in pieces.</summary>
    internal static FakeReply ToolCallStream(string name, params string[] argumentParts)
    {
        var events = new List<object>
        {
            Chunk(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["index"] = 0, ["id"] = "call_w1", ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["arguments"] = "" },
            }) }),
        };
        events.AddRange(argumentParts.Select(p => (object)Chunk(new JsonObject
        {
            ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = 0, ["function"] = new JsonObject { ["arguments"] = p } }),
        })));
        events.Add(Chunk([], "tool_calls"));
        return Gateway.Tests.Pipeline.Sse.Reply(events.ToArray());
    }

    private static JsonObject Chunk(JsonObject delta, string? finish = null) => Gateway.Tests.Pipeline.Sse.Chunk(delta, finish);
}

using System.ClientModel;
using OpenAI.Chat;
using TestDoubles.Anthropic;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Issue 17: a chat completions app (the OpenAI SDK) served by an upstream that speaks Messages.</summary>
public sealed class ChatToAnthropicTests(MessagesFixture fixture) : IClassFixture<MessagesFixture>
{
    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "Weather for a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    [Fact]
    public async Task A_plain_chat_completion_is_translated_to_messages_and_back()
    {
        var chat = SdkClients.Chat(fixture.AnthropicGateway, "claude-fake");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("be brief chat2anthropic"), new UserChatMessage("first"), new UserChatMessage("second [[reply:translated back]]")],
            new ChatCompletionOptions { Temperature = 0.5f, StopSequences = { "END" } });

        Assert.Equal("translated back", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal(13, completion.Usage.InputTokenCount);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
        var sent = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("chat2anthropic", StringComparison.Ordinal));
        Assert.EndsWith("/v1/messages", sent.Path, StringComparison.Ordinal);
        var body = sent.Json!;
        Assert.Equal("be brief chat2anthropic", body["system"]!.GetValue<string>());
        var messages = body["messages"]!.AsArray();
        Assert.Single(messages);
        Assert.Equal(2, messages[0]!["content"]!.AsArray().Count);
        Assert.Equal(777, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("END", body["stop_sequences"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_streamed_tool_call_arrives_whole_with_its_id_and_name_first()
    {
        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply { ToolUse = ("get_weather", """{"city": "Porto", "unit": "celsius"}"""), ChunkSize = 3 });
        var chat = SdkClients.Chat(fixture.AnthropicGateway, "claude-fake");
        var options = new ChatCompletionOptions { Tools = { Weather }, ToolChoice = ChatToolChoice.CreateRequiredChoice(), AllowParallelToolCalls = false };

        string? id = null, name = null;
        var arguments = new List<string>();
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("weather in Porto? chat-stream-tool")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                if (call.ToolCallId is not null)
                {
                    Assert.Empty(arguments);
                    id = call.ToolCallId;
                    name = call.FunctionName;
                }

                if (call.FunctionArgumentsUpdate is { } part && !part.ToMemory().IsEmpty)
                {
                    arguments.Add(part.ToString());
                }
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("toolu_fake_1", id);
        Assert.Equal("get_weather", name);
        Assert.Equal("""{"city": "Porto", "unit": "celsius"}""", string.Concat(arguments));
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        var sent = fixture.AnthropicUpstream.Requests.Last(r => r.RawBody.Contains("chat-stream-tool", StringComparison.Ordinal)).Json!;
        Assert.Equal("any", sent["tool_choice"]!["type"]!.GetValue<string>());
        Assert.True(sent["tool_choice"]!["disable_parallel_tool_use"]!.GetValue<bool>());
        Assert.Equal("city", sent["tools"]![0]!["input_schema"]!["required"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chat_field_messages_cannot_carry_is_refused_naming_it()
    {
        var chat = SdkClients.Chat(fixture.AnthropicGateway, "claude-fake");

        var thrown = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")],
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString("""{"type":"object"}""")) }));

        Assert.Equal(400, thrown.Status);
        Assert.Contains("response_format", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"claude-fake","response_format":"json","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":"claude-fake","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[5]},{"role":"user","content":"go on"}]}""")]
    public async Task A_chat_field_of_the_wrong_shape_for_messages_is_never_a_server_error(string body)
    {
        using var response = await fixture.AnthropicGateway.Client.PostAsync("v1/chat/completions", HttpAssert.Json(body));

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Upstream_errors_reach_a_chat_app_in_openais_shape()
    {
        fixture.AnthropicUpstream.Enqueue(new FakeAnthropicReply { FailStatus = 400 });

        using var response = await fixture.AnthropicGateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json("""{"model":"claude-fake","messages":[{"role":"user","content":"hi"}]}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("scripted failure", error["message"]!.GetValue<string>());
        Assert.Equal("api_error", error["type"]!.GetValue<string>());
    }
}

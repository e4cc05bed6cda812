using System.ClientModel;
using System.Net.Http.Json;
using System.Text;
using OpenAI.Responses;
using TestDoubles.OpenAI;

namespace Gateway.Tests.Apis.Responses;

/// <summary>Issue 17: <c>POST /v1/responses</c> through the official OpenAI .NET SDK's Responses client, the same
/// behaviour whichever kind of upstream serves it (a subclass per kind runs every test): plain and streamed
/// answers, a streamed tool round trip, memory injected, personal data redacted in streamed text and tool
/// arguments, untranslatable fields refused naming them, upstream errors in OpenAI's shape.</summary>
public abstract class ResponsesApiTests(ResponsesGatewayFixture fixture)
{
    protected ResponsesGatewayFixture Fixture { get; } = fixture;

    private ResponsesClient Client => SdkClients.Client(Fixture.Gateway).GetResponsesClient();

    protected static string NewMarker() => "m" + Guid.NewGuid().ToString("N")[..10];

    private static CreateResponseOptions Options(string input, string? instructions = null, string? user = null)
    {
        var options = new CreateResponseOptions("fake-model", [ResponseItem.CreateUserMessageItem(input)]) { Instructions = instructions };
        if (user is not null)
        {
            options.EndUserId = user;
        }

        return options;
    }

    private async Task<List<StreamingResponseUpdate>> StreamAsync(CreateResponseOptions options)
    {
        options.StreamingEnabled = true;
        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await Client.CreateResponseStreamingAsync(options))
        {
            updates.Add(update);
        }

        return updates;
    }

    private static string StreamedText(IEnumerable<StreamingResponseUpdate> updates) =>
        string.Concat(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(u => u.Delta));

    private static string StreamedArguments(IEnumerable<StreamingResponseUpdate> updates) =>
        string.Concat(updates.OfType<StreamingResponseFunctionCallArgumentsDeltaUpdate>().Select(u => u.Delta.ToString()));

    [Fact]
    public async Task A_plain_call_answers_with_a_response_object()
    {
        var marker = NewMarker();

        ClientResult<ResponseResult> result = await Client.CreateResponseAsync(Options($"Say hello {marker} [[reply:Hello there.]]", "Be brief."));

        Assert.Equal("Hello there.", result.Value.GetOutputText());
        Assert.StartsWith("resp_", result.Value.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, result.Value.Status);
        Assert.Equal((11, 7, 18), (result.Value.Usage.InputTokenCount, result.Value.Usage.OutputTokenCount, result.Value.Usage.TotalTokenCount));
        Assert.Contains("Be brief.", Fixture.InstructionsOf(Fixture.Sent(marker)), StringComparison.Ordinal);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("X-Request-Id", out _));
    }

    [Fact]
    public async Task A_streamed_call_sends_the_responses_events_in_order()
    {
        var marker = NewMarker();
        Fixture.Enqueue(new FakeReply { Text = "Streaming works fine here.", ChunkSize = 4 });

        var updates = await StreamAsync(Options($"Stream please {marker}"));

        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
        Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        Assert.IsType<StreamingResponseInProgressUpdate>(updates[1]);
        Assert.IsType<StreamingResponseOutputItemAddedUpdate>(updates[2]);
        Assert.IsType<StreamingResponseContentPartAddedUpdate>(updates[3]);
        Assert.Equal("Streaming works fine here.", StreamedText(updates));
        Assert.True(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Count() > 1, "the text arrived in one piece");
        Assert.Equal("Streaming works fine here.", updates.OfType<StreamingResponseOutputTextDoneUpdate>().Single().Text);
        Assert.Single(updates.OfType<StreamingResponseContentPartDoneUpdate>());
        Assert.IsAssignableFrom<MessageResponseItem>(updates.OfType<StreamingResponseOutputItemDoneUpdate>().Single().Item);
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        Assert.Equal("Streaming works fine here.", completed.Response.GetOutputText());
        Assert.Equal(18, completed.Response.Usage.TotalTokenCount);
        Assert.Equal(((StreamingResponseCreatedUpdate)updates[0]).Response.Id, completed.Response.Id);
    }

    [Fact]
    public async Task A_streamed_tool_round_trip_carries_the_call_and_its_result()
    {
        // Longer than the most the output guard holds back (128 characters), so the arguments stream in pieces.
        const string arguments = """{"city":"Paris","unit":"celsius","days":3,"note":"Forecast for the long weekend: morning, afternoon and evening, with wind, rain and the UV index for a family walk by the river."}""";
        var marker = NewMarker();
        var tool = ResponseTool.CreateFunctionTool("get_weather",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""), false, "Weather by city");
        Fixture.Enqueue(Fixture.ToolCallReply("get_weather", arguments, chunkSize: 4));
        var first = Options($"Weather in Paris? {marker}");
        first.Tools.Add(tool);

        var updates = await StreamAsync(first);

        Assert.Equal(["get_weather"], Fixture.ToolNamesOf(Fixture.Sent(marker)));
        Assert.Equal(arguments, StreamedArguments(updates));
        Assert.True(updates.OfType<StreamingResponseFunctionCallArgumentsDeltaUpdate>().Count() > 1, "the arguments arrived in one piece");
        Assert.Equal(arguments, updates.OfType<StreamingResponseFunctionCallArgumentsDoneUpdate>().Single().FunctionArguments.ToString());
        var call = Assert.IsType<FunctionCallResponseItem>(updates.OfType<StreamingResponseOutputItemDoneUpdate>().Single().Item);
        Assert.Equal(("get_weather", arguments), (call.FunctionName, call.FunctionArguments.ToString()));
        Assert.False(string.IsNullOrEmpty(call.CallId));
        Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);

        Fixture.Enqueue(new FakeReply { Text = "It is 18 degrees in Paris.", ChunkSize = 5 });
        var second = new CreateResponseOptions("fake-model",
        [
            ResponseItem.CreateUserMessageItem($"Weather in Paris? {marker}"),
            call,
            ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18 degrees, sunny"),
        ]);
        second.Tools.Add(tool);

        var answer = await StreamAsync(second);

        Assert.Equal("It is 18 degrees in Paris.", StreamedText(answer));
        var sent = Fixture.Sent("18 degrees, sunny");
        Assert.Equal((call.CallId, "get_weather"), Fixture.ToolCallOf(sent));
        Assert.Equal((call.CallId, "18 degrees, sunny"), Fixture.ToolResultOf(sent));
    }

    [Fact]
    public async Task The_end_users_memory_reaches_the_upstream_and_the_prompt_version_comes_back()
    {
        var user = "resp-user-" + NewMarker();
        var marker = NewMarker();
        using (var written = await Fixture.Gateway.Client.PostAsJsonAsync($"v1/users/{user}/memories",
            new { memories = new[] { new { text = "Dana's favourite colour is teal" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        }

        ClientResult<ResponseResult> result = await Client.CreateResponseAsync(
            Options($"Which colour should I paint my bike? {marker} [[reply:Teal!]]", "You are a painter.", user));

        Assert.Equal("Teal!", result.Value.GetOutputText());
        var instructions = Fixture.InstructionsOf(Fixture.Sent(marker));
        Assert.Contains("favourite colour is teal", instructions, StringComparison.Ordinal);
        Assert.Contains("You are a painter.", instructions, StringComparison.Ordinal);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("X-Prompt-Version", out var version) && !string.IsNullOrEmpty(version));
    }

    [Fact]
    public async Task The_safety_identifier_names_the_end_user_too()
    {
        var user = "resp-safety-" + NewMarker();
        var marker = NewMarker();
        using (var written = await Fixture.Gateway.Client.PostAsJsonAsync($"v1/users/{user}/memories",
            new { memories = new[] { new { text = "Eli keeps bees on the roof" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, written.StatusCode);
        }

        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json(
            $$"""{"model":"fake-model","input":"Tell me about my bees {{marker}}","safety_identifier":"{{user}}"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("keeps bees on the roof", Fixture.InstructionsOf(Fixture.Sent(marker)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fact_told_through_responses_is_written_back_and_used_by_chat()
    {
        var user = "resp-wb-" + NewMarker();
        var marker = NewMarker();

        await StreamAsync(Options("Hi! I live in Lisbon.", user: user));
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await Fixture.Gateway.Services.GetRequiredService<Memory.WriteBack.IWriteBackMonitor>().WhenIdleAsync(cts.Token);
        }

        var memories = JsonNode.Parse(await Fixture.Gateway.Client.GetStringAsync($"v1/users/{user}/memories"))!["memories"]!.AsArray();
        Assert.Contains(memories, m => ((string?)m!["text"])!.Contains("Lisbon", StringComparison.Ordinal));
        await SdkClients.Chat(Fixture.Gateway).CompleteChatAsync(
            [new global::OpenAI.Chat.UserChatMessage($"Which city do I live in? {marker}")], new global::OpenAI.Chat.ChatCompletionOptions { EndUserId = user });
        Assert.Contains("Lisbon", Fixture.InstructionsOf(Fixture.Sent(marker)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Personal_data_in_streamed_text_is_redacted()
    {
        Fixture.Enqueue(new FakeReply { Text = "Write to jane.doe@example.com before noon.", ChunkSize = 3 });

        var updates = await StreamAsync(Options("Who do I write to?"));

        var text = StreamedText(updates);
        Assert.DoesNotContain("jane.doe@example.com", text, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", text, StringComparison.Ordinal);
        Assert.EndsWith(" before noon.", text, StringComparison.Ordinal);
        Assert.Equal(text, updates.OfType<StreamingResponseCompletedUpdate>().Single().Response.GetOutputText());
    }

    [Fact]
    public async Task Personal_data_in_streamed_tool_arguments_is_redacted_and_the_arguments_stay_json()
    {
        const string arguments = """{"card":"4111 1111 1111 1111","amount":25}""";
        Fixture.Enqueue(Fixture.ToolCallReply("pay", arguments, chunkSize: 3));
        var options = Options("Pay the bill");
        options.Tools.Add(ResponseTool.CreateFunctionTool("pay", BinaryData.FromString("""{"type":"object"}"""), false));

        var updates = await StreamAsync(options);

        var streamed = StreamedArguments(updates);
        Assert.DoesNotContain("4111 1111 1111 1111", streamed, StringComparison.Ordinal);
        Assert.Equal(25, (int)JsonNode.Parse(streamed)!["amount"]!);
        var call = Assert.IsType<FunctionCallResponseItem>(updates.OfType<StreamingResponseOutputItemDoneUpdate>().Single().Item);
        Assert.Equal(streamed, call.FunctionArguments.ToString());
    }

    [Fact]
    public async Task A_plain_tool_call_is_a_function_call_item()
    {
        const string arguments = """{"city":"Oslo"}""";
        Fixture.Enqueue(new FakeReply { ToolCall = ("get_weather", arguments) });
        var options = Options("Weather in Oslo?");
        options.Tools.Add(ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object"}"""), false));

        ClientResult<ResponseResult> result = await Client.CreateResponseAsync(options);

        var call = Assert.IsType<FunctionCallResponseItem>(Assert.Single(result.Value.OutputItems));
        Assert.Equal(("get_weather", arguments), (call.FunctionName, call.FunctionArguments.ToString()));
        Assert.False(string.IsNullOrEmpty(call.CallId));
    }

    [Fact]
    public async Task A_private_key_mid_stream_ends_the_response_as_incomplete_by_content_filter()
    {
        Fixture.Enqueue(new FakeReply
        {
            Text = "Here it is: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\naFDrBz9vFqU4yQ==\n-----END RSA PRIVATE KEY-----\nand more text after.",
            ChunkSize = 16,
        });

        var updates = await StreamAsync(Options("Show me the key"));

        var text = StreamedText(updates);
        Assert.DoesNotContain("MIIEow", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more text after", text, StringComparison.Ordinal);
        var incomplete = Assert.IsType<StreamingResponseIncompleteUpdate>(updates[^1]);
        Assert.Equal(ResponseIncompleteStatusReason.ContentFilter, incomplete.Response.IncompleteStatusDetails.Reason);
    }

    [Theory]
    [InlineData("""{"model":"fake-model","input":"hi","tools":[{"type":"web_search"}]}""", "tools[0].type")]
    [InlineData("""{"model":"fake-model","input":"hi","frobnicate":true}""", "frobnicate")]
    [InlineData("""{"model":"fake-model","input":[{"type":"reasoning","summary":[]}]}""", "input[0].type")]
    [InlineData("""{"model":"fake-model","input":"hi","reasoning":{"effort":"low","summary":"auto"}}""", "reasoning.summary")]
    [InlineData("""{"model":"fake-model","input":"hi","text":{"format":{"type":"json_schema","name":"x","schema":{"type":"object"},"colour":1}}}""", "text.format.colour")]
    [InlineData("""{"model":"fake-model","input":"hi","text":{"format":"json_object"}}""", "text.format")]
    [InlineData("""{"model":"fake-model","input":"hi","text":{"format":[{"type":"text"}]}}""", "text.format")]
    [InlineData("""{"model":"fake-model"}""", "input")]
    [InlineData("""{"input":"hi"}""", "model")]
    [InlineData("""{"model":"fake-model","input":"hi","safety_identifier":" padded id"}""", "safety_identifier")]
    public async Task A_field_the_gateway_cannot_carry_is_a_400_naming_it(string body, string field)
    {
        using var response = await Fixture.Gateway.Client.PostAsync("v1/responses", HttpAssert.Json(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.StartsWith($"'{field}'", (string?)error["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(Fixture.UpstreamBodies, b => b.ToJsonString().Contains("frobnicate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upstream_failure_is_an_openai_error()
    {
        Fixture.Enqueue(new FakeReply { FailStatus = 500 });

        var e = await Assert.ThrowsAsync<ClientResultException>(() => Client.CreateResponseAsync(Options("hi")));

        Assert.Equal(502, e.Status);
        var error = JsonNode.Parse(e.GetRawResponse()!.Content.ToString())!["error"]!;
        Assert.Equal("upstream_error", (string?)error["type"]);
    }

    [Fact]
    public async Task A_stream_the_upstream_stops_feeding_ends_with_response_failed()
    {
        Fixture.Enqueue(new FakeReply { Text = "This answer never finishes.", ChunkSize = 5, HangAfterFirstChunk = true });

        var updates = await StreamAsync(Options("Go"));

        Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        var failed = Assert.IsType<StreamingResponseFailedUpdate>(updates[^1]);
        Assert.Equal(ResponseStatus.Failed, failed.Response.Status);
        Assert.False(string.IsNullOrEmpty(failed.Response.Error.Message));
    }

    [Fact]
    public async Task A_json_schema_format_is_guarded_and_re_asked_as_for_chat()
    {
        var marker = NewMarker();
        Fixture.Enqueue(new FakeReply { Text = "Sure! Here is the answer." });
        Fixture.Enqueue(new FakeReply { Text = """{"name":"Ada"}""" });
        var options = Options($"Name a pioneer {marker}");
        options.TextOptions = new ResponseTextOptions
        {
            TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("person",
                BinaryData.FromString("""{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}"""), jsonSchemaIsStrict: true),
        };

        ClientResult<ResponseResult> result = await Client.CreateResponseAsync(options);

        Assert.Equal("""{"name":"Ada"}""", result.Value.GetOutputText());
        Assert.Equal(2, Fixture.UpstreamBodies.Count(b => b.ToJsonString().Contains(marker, StringComparison.Ordinal)));
    }
}

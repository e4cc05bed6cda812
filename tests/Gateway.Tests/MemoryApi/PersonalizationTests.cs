using System.ClientModel;
using OpenAI.Chat;
using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>End to end: a memory written through the memory API reaches the upstream as the first system message of
/// that user's chat requests (OpenAI SDK and raw HTTP), in front of the app's unchanged messages; nobody else's.</summary>
public sealed class PersonalizationTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>, IAsyncLifetime
{
    private const string CarolFact = "Carol is allergic to peanuts";
    private const string SnackBot = "You are SnackBot, a helpful snack assistant.";

    private MemoryApiClient Api => fixture.Api;

    public async Task InitializeAsync()
    {
        var results = (await Api.WriteAsync("carol", NewMemory(CarolFact, sources: ["onboarding"]))).ExpectList("results");
        Assert.Contains((string?)results[0]!["event"], new[] { "ADD", "NOOP" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private RecordedRequest Sent(string marker) =>
        fixture.Upstream.ChatRequests.Last(r => r.RawBody.Contains(marker, StringComparison.Ordinal));

    private static string ContentText(JsonNode? message)
    {
        var content = message!["content"];
        return content is JsonArray parts
            ? string.Concat(parts.Select(p => (string?)p!["text"] ?? string.Empty))
            : (string?)content ?? string.Empty;
    }

    private async Task<string> TemplateVersionAsync(string name)
    {
        var prompts = (await Api.SendAsync(HttpMethod.Get, "v1/prompts")).ExpectList("prompts");
        return (string)prompts.Single(p => (string?)p!["name"] == name)!["version"]!;
    }

    private static string VersionOf(string header) => header.Split(';')[0];

    [Fact]
    public async Task The_sdk_end_user_id_gets_the_users_memory_as_the_first_system_message()
    {
        var marker = "snack-sdk-" + Guid.NewGuid().ToString("N")[..8];
        var client = SdkClients.Chat(fixture.Gateway);
        var appMessages = new ChatMessage[] { new SystemChatMessage(SnackBot), new UserChatMessage($"Any snack ideas for my afternoon break? {marker} [[reply:Try apple slices.]]") };

        ClientResult<ChatCompletion> result = await client.CompleteChatAsync(appMessages, new ChatCompletionOptions { EndUserId = "carol" });

        Assert.Equal("Try apple slices.", result.Value.Content[0].Text);
        var sent = Sent(marker).Json!;
        // The upstream gets the user's pseudonym (Upstream:ForwardUser, UpstreamUserForwardingTests), never the id.
        Assert.Equal(fixture.Gateway.Services.GetRequiredService<Gateway.Upstream.UpstreamUserIds>().Forwarded("default", "carol"), (string?)sent["user"]);
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains(CarolFact, ContentText(messages[0]), StringComparison.Ordinal);
        Assert.Equal(("system", SnackBot), ((string)messages[1]!["role"]!, ContentText(messages[1])));
        Assert.Equal(("user", $"Any snack ideas for my afternoon break? {marker} [[reply:Try apple slices.]]"), ((string)messages[2]!["role"]!, ContentText(messages[2])));

        Assert.True(result.GetRawResponse().Headers.TryGetValue("X-Prompt-Version", out var header), "no X-Prompt-Version header");
        Assert.Equal(await TemplateVersionAsync("chat"), VersionOf(header!));
    }

    [Fact]
    public async Task A_streamed_sdk_request_is_personalized_too()
    {
        var marker = "snack-stream-" + Guid.NewGuid().ToString("N")[..8];
        var client = SdkClients.Chat(fixture.Gateway);
        var text = new System.Text.StringBuilder();

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage($"A quick snack? {marker} [[reply:Rice cakes.]]")], new ChatCompletionOptions { EndUserId = "carol" }))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(p => p.Text)));
        }

        Assert.Equal("Rice cakes.", text.ToString());
        var messages = Sent(marker).Json!["messages"]!.AsArray();
        Assert.Equal(2, messages.Count);
        Assert.Contains(CarolFact, ContentText(messages[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_X_User_Id_header_personalizes_and_the_apps_messages_follow_unchanged()
    {
        var marker = "snack-header-" + Guid.NewGuid().ToString("N")[..8];
        var appMessages = new JsonArray(
            new JsonObject { ["role"] = "system", ["content"] = SnackBot },
            new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = $"Snack for a hike? {marker}" }) },
            new JsonObject { ["role"] = "assistant", ["content"] = "Trail mix is popular." },
            new JsonObject { ["role"] = "user", ["content"] = "Something else please [[reply:Dried fruit.]]", ["name"] = "carol_c" });
        var body = new JsonObject { ["model"] = "fake-model", ["temperature"] = 0.2, ["messages"] = appMessages.DeepClone() };

        var response = await Api.SendAsync(HttpMethod.Post, "v1/chat/completions", body.ToJsonString(), new Dictionary<string, string> { ["X-User-Id"] = "carol" });

        Assert.Equal("Dried fruit.", (string?)response.Expect(HttpStatusCode.OK)["choices"]![0]!["message"]!["content"]);
        var sent = Sent(marker).Json!;
        var messages = sent["messages"]!.AsArray();
        Assert.Equal(appMessages.Count + 1, messages.Count);
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Contains(CarolFact, ContentText(messages[0]), StringComparison.Ordinal);
        for (var i = 0; i < appMessages.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(appMessages[i], messages[i + 1]), $"message {i} changed: {messages[i + 1]!.ToJsonString()}");
        }

        Assert.Equal(0.2, (double)sent["temperature"]!);
        Assert.False(sent.ContainsKey("user"), "the gateway must not add a user field the app did not send");
        Assert.True(response.Headers.TryGetValues("X-Prompt-Version", out var header));
        Assert.Equal(await TemplateVersionAsync("chat"), VersionOf(header!.Single()));
    }

    [Fact]
    public async Task Another_user_gets_none_of_carols_memories()
    {
        var marker = "snack-dave-" + Guid.NewGuid().ToString("N")[..8];

        await SdkClients.Chat(fixture.Gateway).CompleteChatAsync(
            [new UserChatMessage($"Any snack ideas, maybe with peanuts? {marker}")], new ChatCompletionOptions { EndUserId = MemoryGatewayFixture.NewUser("dave") });

        var messages = Sent(marker).Json!["messages"]!.AsArray();
        Assert.DoesNotContain(messages.Take(messages.Count - 1), m => ContentText(m).Contains("allergic", StringComparison.Ordinal));
        Assert.DoesNotContain("Carol", Sent(marker).RawBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_a_user_goes_upstream_with_no_system_message_added()
    {
        var marker = "snack-anon-" + Guid.NewGuid().ToString("N")[..8];

        ClientResult<ChatCompletion> result = await SdkClients.Chat(fixture.Gateway).CompleteChatAsync([new UserChatMessage($"Any snack ideas? {marker}")]);

        var messages = Sent(marker).Json!["messages"]!.AsArray();
        Assert.Equal(("user", $"Any snack ideas? {marker}"), ((string)Assert.Single(messages)!["role"]!, ContentText(messages[0])));
        Assert.False(result.GetRawResponse().Headers.TryGetValue("X-Prompt-Version", out _));
    }

    /// <summary>The contract: <c>prompts/chat.yaml</c> frames every personalized chat request. The shipped prompts/
    /// holds no per-context template (examples are in docs/prompt-examples), so a docs request is framed by chat.yaml
    /// too; a deployer who adds <c>chat.docs.yaml</c> gets it for that context (PromptSelectionTests).</summary>
    [Fact]
    public async Task Every_memory_context_is_framed_by_chat_yaml_as_shipped()
    {
        Assert.False(File.Exists(Path.Combine(TestGateway.RepoRoot, "prompts", "chat.docs.yaml")));
        var marker = "snack-docs-" + Guid.NewGuid().ToString("N")[..8];
        var body = new JsonObject
        {
            ["model"] = "fake-model",
            ["user"] = "carol",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"How do I install the SDK? {marker}" }),
        };

        var response = await Api.SendAsync(HttpMethod.Post, "v1/chat/completions", body.ToJsonString(), new Dictionary<string, string> { ["X-Memory-Context"] = "docs" });

        response.Expect(HttpStatusCode.OK);
        Assert.True(response.Headers.TryGetValues("X-Prompt-Version", out var header));
        Assert.Equal(await TemplateVersionAsync("chat"), VersionOf(header!.Single()));
    }
}

using OpenAI.Chat;

namespace Gateway.Tests.WriteBack;

public sealed partial class WriteBackEndToEndTests
{
    /// <summary>Fifteenth session: a state the user only had ("I was vegetarian for ten years") was stored as one they
    /// are in, and a home named after a relative clause ("I live where I was born, in Leeds") was dropped as a past
    /// one. The model's facts go through the grounding rules on the way in.</summary>
    [Fact]
    public async Task Llm_extraction_keeps_a_home_the_user_has_and_drops_a_state_the_user_only_had()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        upstream.Responder = body =>
        {
            var prompt = string.Concat((body["messages"] as JsonArray ?? []).Select(m => m?["content"]?.ToString() ?? string.Empty));
            if (!prompt.Contains("You extract long-term memories", StringComparison.Ordinal))
            {
                return null;
            }

            var id = MessageId().Matches(prompt)[^1].Groups[1].Value;
            var fact = prompt.Contains("vegetarian for ten years", StringComparison.Ordinal) ? "The user is vegetarian"
                : prompt.Contains("where I was born", StringComparison.Ordinal) ? "The user lives in Leeds"
                : null;
            return fact is null
                ? new FakeReply { Text = """{"facts":[]}""" }
                : new FakeReply { Text = $$"""{"facts":[{"text":"{{fact}}","category":"other","subject":null,"action":"assert","confidence":0.9,"sources":["{{id}}"],"context":null}]}""" };
        };
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "llm",
        });
        var chat = SdkClients.Chat(gateway);
        var asSam = new ChatCompletionOptions { EndUserId = "sam" };

        await chat.CompleteChatAsync([new UserChatMessage("I was vegetarian for ten years, any tips for cooking steak?")], asSam);
        await WaitIdleAsync(gateway);
        await chat.CompleteChatAsync([new UserChatMessage("I live where I was born, in Leeds. What's on this weekend?")], asSam);
        await WaitIdleAsync(gateway);

        var memory = Assert.Single(await MemoriesAsync(gateway, "sam", includeSuperseded: true));
        Assert.Equal("The user lives in Leeds", memory!["text"]!.GetValue<string>());
    }
}

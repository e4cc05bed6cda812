using Memory.WriteBack;
using OpenAI.Chat;

namespace Gateway.Tests.WriteBack;

/// <summary>A person or pet the user introduced once is known by name afterwards: "Meera is allergic to peanuts" in a
/// later conversation is stored as a fact about the user's daughter, and a new age replaces the old one. Someone the
/// user never introduced stays someone else's fact (not stored), and one user's people never name another user's.</summary>
public sealed class NamedPeopleWriteBackTests
{
    private static async Task WaitIdleAsync(TestGateway gateway)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
    }

    private static async Task<string[]> TextsAsync(TestGateway gateway, string user, bool includeSuperseded = false)
    {
        var json = JsonNode.Parse(await gateway.Client.GetStringAsync(
            $"v1/users/{user}/memories{(includeSuperseded ? "?includeSuperseded=true" : string.Empty)}"))!;
        return [.. json["memories"]!.AsArray().Select(m => m!["text"]!.GetValue<string>())];
    }

    [Fact]
    public async Task A_name_introduced_in_one_conversation_is_read_as_that_person_in_the_next()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "heuristic",
        });
        var chat = SdkClients.Chat(gateway);

        async Task SayAsync(string user, string text)
        {
            await chat.CompleteChatAsync([new UserChatMessage(text)], new ChatCompletionOptions { EndUserId = user });
            await WaitIdleAsync(gateway);
        }

        await SayAsync("priya", "My daughter Meera is 6. I have a golden retriever called Max.");
        await SayAsync("priya", "Meera is allergic to peanuts.");
        await SayAsync("priya", "Max is 3 years old. Einstein was born in Ulm.");
        await SayAsync("priya", "Meera just turned 7!");
        // Another user says the same words about a Meera they never introduced.
        await SayAsync("omar", "Meera is allergic to peanuts.");

        var current = await TextsAsync(gateway, "priya");
        Assert.Contains("The user's daughter Meera is allergic to peanuts", current);
        Assert.Contains("The user's dog Max is 3 years old", current);
        Assert.Contains("The user's daughter Meera is 7", current);
        Assert.DoesNotContain("The user's daughter Meera is 6", current);
        Assert.Contains("The user's daughter Meera is 6", await TextsAsync(gateway, "priya", includeSuperseded: true));
        Assert.DoesNotContain(current, t => t.Contains("Ulm", StringComparison.Ordinal));
        Assert.Empty(await TextsAsync(gateway, "omar"));
    }

    // Nineteenth session: people named in a fact about the user ("We adopted our daughter Ava", "I live in Harrogate with
    // my husband Ken") are known in the next conversation; a name that is also a word ("Grace is a virtue I lack") is
    // not the person.
    [Fact]
    public async Task A_relative_named_inside_a_fact_is_known_later_and_a_name_used_as_a_word_is_not_them()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "heuristic",
        });
        var chat = SdkClients.Chat(gateway);

        async Task SayAsync(string text)
        {
            await chat.CompleteChatAsync([new UserChatMessage(text)], new ChatCompletionOptions { EndUserId = "chris" });
            await WaitIdleAsync(gateway);
        }

        await SayAsync("We adopted our daughter Ava when she was two.");
        await SayAsync("I live in a bungalow in Harrogate with my husband Ken. My sister Grace visits every Sunday.");
        await SayAsync("Ava is obsessed with dinosaurs.");
        await SayAsync("Ken is a retired teacher.");
        await SayAsync("Grace is a virtue I lack when the kids are fighting.");
        await SayAsync("Actually Ava is 8 now, she had her birthday last week.");

        var current = await TextsAsync(gateway, "chris");
        Assert.Contains("The user lives in Harrogate", current);
        Assert.Contains("The user lives with their husband Ken", current);
        Assert.Contains("The user's daughter Ava is obsessed with dinosaurs", current);
        Assert.Contains("The user's husband Ken is a retired teacher", current);
        Assert.Contains("The user's daughter Ava is 8", current);
        Assert.DoesNotContain(current, t => t.Contains("virtue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Someone_else_with_the_same_name_an_observation_or_another_persons_pet_is_not_the_users()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "heuristic",
        });
        var chat = SdkClients.Chat(gateway);

        async Task SayAsync(string text)
        {
            await chat.CompleteChatAsync([new UserChatMessage(text)], new ChatCompletionOptions { EndUserId = "kim" });
            await WaitIdleAsync(gateway);
        }

        await SayAsync("My son Max is 8.");
        await HttpAssert.PostOkAsync(gateway.Client, "v1/users/kim/memories", """{"memories":[{"text":"The user's sister has a dog named Rex."}]}""");
        await SayAsync("My colleague Max got promoted. Max is 40 now.");
        await SayAsync("Rex is 2 years old.");
        using (var observed = await gateway.Client.PostAsync("v1/users/kim/observations",
                   HttpAssert.Json("""{"text":"Max is the account admin who approved the invoice.","context":"docs"}""")))
        {
            Assert.Equal(HttpStatusCode.Accepted, observed.StatusCode);
        }

        await WaitIdleAsync(gateway);

        var current = await TextsAsync(gateway, "kim");
        Assert.Contains("The user's son Max is 8", current);
        Assert.DoesNotContain(current, t => t.StartsWith("The user's son Max is 40", StringComparison.Ordinal) ||
                                            t.StartsWith("The user's son Max is the account admin", StringComparison.Ordinal) ||
                                            t.StartsWith("The user's dog Rex", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_said_after_and_no_longer_costs_the_users_own_fact_before_it()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = upstream.BaseUrl,
            ["Memory:Extraction:Mode"] = "heuristic",
        });
        var chat = SdkClients.Chat(gateway);

        await chat.CompleteChatAsync(
            [new UserChatMessage("Can you suggest a dinner idea? I'm vegetarian and Meera is allergic to peanuts.")],
            new ChatCompletionOptions { EndUserId = "dana" });
        await WaitIdleAsync(gateway);

        var current = await TextsAsync(gateway, "dana");
        Assert.Equal(["The user is vegetarian"], current);
    }
}

using Anthropic.Models.Messages;
using Memory.WriteBack;
using OpenAI.Responses;

namespace Gateway.Tests.Apis.Messages;

/// <summary>Issue 17: what a user tells the gateway through Messages is written back and reaches their chat and
/// Responses calls: one memory whichever API the app speaks.</summary>
public sealed class MessagesWriteBackTests
{
    [Fact]
    public async Task A_fact_told_through_a_streamed_message_is_used_by_responses_and_by_chat_for_the_same_user()
    {
        await using var upstream = await FakeOpenAIUpstream.StartAsync();
        await using var gateway = await TestGateway.StartAsync(new Dictionary<string, string?> { ["Upstream:BaseUrl"] = upstream.BaseUrl });
        var client = AnthropicSdk.Client(gateway);

        await foreach (var _ in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "fake-model",
            MaxTokens = 32,
            Metadata = new Metadata { UserID = "noor" },
            Messages = [new UserMessageParam("Hi! I live in Lisbon.")],
        }))
        {
        }

        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await gateway.Services.GetRequiredService<IWriteBackMonitor>().WhenIdleAsync(cts.Token);
        }

        // Responses (the OpenAI SDK's Responses client): the memory goes upstream with the request.
        var responses = SdkClients.Client(gateway).GetResponsesClient();
        await responses.CreateResponseAsync(new CreateResponseOptions("fake-model",
            [ResponseItem.CreateUserMessageItem("Which city do I live in? via-responses")]) { EndUserId = "noor" });
        var viaResponses = upstream.ChatRequests.Last(r => r.RawBody.Contains("via-responses", StringComparison.Ordinal)).Json!;
        Assert.Contains("Lisbon", viaResponses["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        // Chat completions.
        using var response = await gateway.Client.PostAsync("v1/chat/completions",
            HttpAssert.Json("""{"model":"fake-model","user":"noor","messages":[{"role":"user","content":"Which city do I live in? after-messages"}]}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = upstream.ChatRequests.Last(r => r.RawBody.Contains("after-messages", StringComparison.Ordinal)).Json!;
        Assert.Contains("Lisbon", sent["messages"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

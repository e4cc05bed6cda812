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
}

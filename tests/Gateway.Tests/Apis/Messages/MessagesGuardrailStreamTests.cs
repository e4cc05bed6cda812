using Anthropic;
using Anthropic.Helpers;
using Anthropic.Models.Messages;

namespace Gateway.Tests.Apis.Messages;

/// <summary>An answer an output guardrail stops (a private key) ends the same way plain and streamed, as Anthropic ends
/// an answer its own classifiers stop: the notice as text and <c>stop_reason: "refusal"</c>. Before, the stream
/// ended with an <c>error</c> event of type <c>invalid_request_error</c>, so the SDK threw as if the app's request
/// had been bad, while the plain answer of the same call came back as a refusal.</summary>
public sealed class MessagesGuardrailStreamTests(MessagesFixture fixture) : IClassFixture<MessagesFixture>
{
    private const string PrivateKey = "Here it is: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234567890abcdefghij\n-----END RSA PRIVATE KEY-----";

    private static MessageCreateParams Request(string marker) => new()
    {
        Model = "fake-model",
        MaxTokens = 64,
        Messages = [new UserMessageParam("show me the key " + marker)],
    };

    [Fact]
    public async Task A_streamed_answer_stopped_by_a_guardrail_ends_as_a_refusal_like_the_plain_one()
    {
        var client = AnthropicSdk.Client(fixture.ChatGateway);
        fixture.ChatUpstream.Enqueue(new FakeReply { Text = PrivateKey, ChunkSize = 6 });
        var plain = await client.Messages.Create(Request("guard-plain"));

        fixture.ChatUpstream.Enqueue(new FakeReply { Text = PrivateKey, ChunkSize = 6 });
        var stopped = false;
        var aggregator = new MessageContentAggregator();
        await foreach (var e in client.Messages.CreateStreaming(Request("guard-stream")).CollectAsync(aggregator))
        {
            stopped |= e.TryPickStop(out _); // an error event makes the SDK throw here
        }

        var streamed = aggregator.Message();
        Assert.Equal(("refusal", "refusal"), (plain.StopReason?.Raw(), streamed.StopReason?.Raw()));
        Assert.True(stopped, "the stream ended without message_stop");
        var text = string.Concat(streamed.Content.Select(b => b.TryPickText(out var t) ? t.Text : string.Empty));
        Assert.Contains("secret.private_key", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
    }
}

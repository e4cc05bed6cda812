using Gateway.Tests.Pipeline;

namespace Gateway.Tests.Guarding;

/// <summary>Values written to slip past pattern checks: an e-mail address with its at and dots spelled out or
/// bracketed (<c>jane.doe(at)example.com</c>, <c>jane dot doe at example dot com</c>), a card number grouped with
/// dots (<c>4111.1111.1111.1111</c>) and the password of a connection URI (<c>mysql://root:correcthorse@db/app</c>).
/// Each is handled as the default policy says for its rule (<c>pii.email</c>, <c>pii.card</c>,
/// <c>secret.url_credentials</c>): redacted in the answer plain and streamed, flagged or redacted on input, and
/// audited with an excerpt that does not hold it. Before, all of them went through untouched.</summary>
public sealed class DisguisedValueGuardTests : GuardedGatewayTest
{
    private const string Bracketed = "jane.doe(at)example.com";
    private const string Spelled = "jane dot doe at example dot com";
    private const string DottedCard = "4111.1111.1111.1111";
    private const string UriPassword = "correcthorse";

    private async Task<JsonArray> EventsAsync(string user, string rule, string stage) =>
        new(JsonNode.Parse(await Gateway.Client.GetStringAsync($"v1/audit/events?userId={user}&rule={rule}&limit=50"))!["events"]!.AsArray()
            .Where(e => (string?)e!["stage"] == stage).Select(e => e!.DeepClone()).ToArray());

    private static void AssertExcerptsLack(JsonArray events, string raw) =>
        Assert.All(events, e => Assert.DoesNotContain(raw, (string?)e!["excerpt"] ?? string.Empty, StringComparison.Ordinal));

    [Fact]
    public async Task Disguised_addresses_in_a_plain_answer_are_redacted_and_audited()
    {
        const string user = "disguised-answer";
        Upstream.Enqueue(new FakeReply { Text = $"Write to {Bracketed} or {Spelled} today." });

        using var response = await ChatAsync(user, "how do I reach Jane?");
        var content = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"];

        Assert.Equal("Write to [EMAIL] or [EMAIL] today.", content);
        var events = await EventsAsync(user, "pii.email", "output");
        Assert.Equal(2, events.Count(e => (string?)e!["action"] == "redact"));
        AssertExcerptsLack(events, Bracketed);
        AssertExcerptsLack(events, "doe at example");
    }

    [Fact]
    public async Task A_spelled_out_address_in_a_streamed_answer_is_redacted()
    {
        const string user = "disguised-stream";
        Upstream.Enqueue(new FakeReply { Text = $"Sure, reach me at {Spelled} after six.", ChunkSize = 4 });

        using var response = await ChatAsync(user, "how do I reach you?", stream: true);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Sure, reach me at [EMAIL] after six.", Sse.Text(body));
        Assert.Contains(await EventsAsync(user, "pii.email", "output"), e => (string?)e!["action"] == "redact");
    }

    [Fact]
    public async Task On_input_a_disguised_address_is_flagged_and_a_dotted_card_is_redacted_before_going_upstream()
    {
        const string user = "disguised-input";
        using var response = await ChatAsync(user, $"disguised-input-marker: mail {Bracketed} my card {DottedCard}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = Upstream.ChatRequests.Last(r => r.RawBody.Contains("disguised-input-marker", StringComparison.Ordinal)).RawBody;
        Assert.Contains($"mail {Bracketed} my card [CARD]", sent, StringComparison.Ordinal);
        var emails = await EventsAsync(user, "pii.email", "input");
        var cards = await EventsAsync(user, "pii.card", "input");
        Assert.Contains(emails, e => (string?)e!["action"] == "flag");
        Assert.Contains(cards, e => (string?)e!["action"] == "redact");
        AssertExcerptsLack(emails, Bracketed);
        AssertExcerptsLack(cards, DottedCard);
    }

    [Fact]
    public async Task The_password_of_a_connection_uri_in_an_answer_is_redacted()
    {
        const string user = "disguised-uri";
        Upstream.Enqueue(new FakeReply { Text = $"Set DATABASE_URL=mysql://root:{UriPassword}@db.internal/app and restart." });

        using var response = await ChatAsync(user, "what is the database url?");
        var content = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"];

        Assert.Equal("Set DATABASE_URL=mysql://root:[SECRET]@db.internal/app and restart.", content);
        var events = await EventsAsync(user, "secret.url_credentials", "output");
        Assert.Contains(events, e => (string?)e!["action"] == "redact");
        AssertExcerptsLack(events, UriPassword);
    }
}

using Gateway.Tests.Pipeline;

namespace Gateway.Tests.Guarding;

/// <summary>An address followed by a file extension ("jane.doe@example.com.pdf", a file named after its owner) is
/// still an address: flagged or redacted on input as the policy says, redacted in the answer plain and streamed,
/// with the extension kept (<c>[EMAIL].pdf</c>). Before, the trailing extension hid the address from every stage.</summary>
public sealed class EmailInFileNameGuardTests : IAsyncLifetime
{
    private const string Address = "jane.doe@example.com";
    private const string RedactContext = "redact-pii";

    private FakeOpenAIUpstream _upstream = null!;
    private TestGateway _gateway = null!;
    private string _policies = string.Empty;

    public async Task InitializeAsync()
    {
        _policies = Directory.CreateTempSubdirectory("email-file-policies-").FullName;
        File.Copy(Path.Combine(TestGateway.RepoRoot, "prompts", "policies", "default.yaml"), Path.Combine(_policies, "default.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_policies, $"context.{RedactContext}.yaml"), "actions:\n  input:\n    pii: redact\n");
        _upstream = await FakeOpenAIUpstream.StartAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = _upstream.BaseUrl,
            ["Upstream:MaxRetries"] = "0",
            ["Guardrails:PoliciesDirectory"] = _policies,
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }

    private async Task<HttpResponseMessage> ChatAsync(string user, string content, bool stream = false, string? context = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(new JsonObject
            {
                ["model"] = "fake-model",
                ["user"] = user,
                ["stream"] = stream,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = content }),
            }.ToJsonString()),
        };
        if (context is not null)
        {
            request.Headers.Add("X-Memory-Context", context);
        }

        return await _gateway.Client.SendAsync(request);
    }

    private async Task<JsonArray> EventsAsync(string user, string stage) =>
        new(JsonNode.Parse(await _gateway.Client.GetStringAsync($"v1/audit/events?userId={user}&rule=pii.email&limit=50"))!["events"]!.AsArray()
            .Where(e => (string?)e!["stage"] == stage).Select(e => e!.DeepClone()).ToArray());

    [Theory]
    [InlineData("pdf")]
    [InlineData("txt")]
    public async Task An_address_before_a_file_extension_is_flagged_on_input(string extension)
    {
        var user = "email-file-flag-" + extension;
        using var response = await ChatAsync(user, $"send it to {Address}.{extension} please");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var events = await EventsAsync(user, "input");
        Assert.Contains(events, e => (string?)e!["action"] == "flag");
        Assert.All(events, e => Assert.DoesNotContain(Address, (string?)e!["excerpt"] ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_address_before_a_file_extension_is_redacted_upstream_when_the_policy_redacts()
    {
        const string user = "email-file-redact";
        using var response = await ChatAsync(user, $"email-file-marker: send it to {Address}.pdf please", context: RedactContext);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var sent = _upstream.ChatRequests.Last(r => r.RawBody.Contains("email-file-marker", StringComparison.Ordinal)).RawBody;
        Assert.DoesNotContain(Address, sent, StringComparison.Ordinal);
        Assert.Contains("send it to [EMAIL].pdf please", sent, StringComparison.Ordinal);
        Assert.Contains(await EventsAsync(user, "input"), e => (string?)e!["action"] == "redact");
    }

    [Fact]
    public async Task An_address_before_a_file_extension_is_redacted_in_a_plain_answer()
    {
        const string user = "email-file-answer";
        _upstream.Enqueue(new FakeReply { Text = $"Saved as {Address}.pdf in your folder." });

        using var response = await ChatAsync(user, "where is my file?");
        var content = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"];

        Assert.Equal("Saved as [EMAIL].pdf in your folder.", content);
        Assert.Contains(await EventsAsync(user, "output"), e => (string?)e!["action"] == "redact");
    }

    [Fact]
    public async Task An_address_before_a_file_extension_is_redacted_in_a_streamed_answer()
    {
        const string user = "email-file-stream";
        _upstream.Enqueue(new FakeReply { Text = $"Saved as {Address}.txt in your folder.", ChunkSize = 4 });

        using var response = await ChatAsync(user, "where is my file?", stream: true);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Address, body, StringComparison.Ordinal);
        Assert.StartsWith("Saved as [EMAIL]", Sse.Text(body), StringComparison.Ordinal);
        Assert.EndsWith(" in your folder.", Sse.Text(body), StringComparison.Ordinal);
    }
}

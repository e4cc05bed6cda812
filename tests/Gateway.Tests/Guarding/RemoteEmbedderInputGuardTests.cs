namespace Gateway.Tests.Guarding;

/// <summary>With an embedder outside the process (<c>Memory:Embedder=openai</c>), the end user's text reaches the
/// embeddings API only after the input guardrails: not on a chat call, a prompt preview or a Messages token count,
/// which all embed the retrieval query of a user's call.</summary>
public sealed class RemoteEmbedderInputGuardTests : IAsyncLifetime
{
    private const string AwsKey = "AKIAZ3MSJV2QWERTY7XC";

    private FakeOpenAIUpstream _upstream = null!;
    private TestGateway _gateway = null!;
    private string _policies = string.Empty;

    public async Task InitializeAsync()
    {
        _policies = Directory.CreateTempSubdirectory("embedder-guard-policies-").FullName;
        File.Copy(Path.Combine(TestGateway.RepoRoot, "prompts", "policies", "default.yaml"), Path.Combine(_policies, "default.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_policies, "context.strict.yaml"), "blocklists:\n  forbidden: [Zebracorp]\n");
        _upstream = await FakeOpenAIUpstream.StartAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = _upstream.BaseUrl,
            ["Memory:Embedder"] = "openai",
            ["Guardrails:PoliciesDirectory"] = _policies,
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }

    [Theory]
    [InlineData("v1/chat/completions", """{"model":"fake-model","user":"embed-chat-user","messages":[{"role":"user","content":"my key is KEY, what do I like?"}]}""")]
    [InlineData("v1/prompts/preview", """{"model":"fake-model","user":"embed-preview-user","messages":[{"role":"user","content":"my key is KEY, what do I like?"}]}""")]
    [InlineData("v1/messages/count_tokens", """{"model":"fake-model","metadata":{"user_id":"embed-count-user"},"messages":[{"role":"user","content":"my key is KEY, what do I like?"}]}""")]
    public async Task A_secret_the_input_policy_redacts_never_reaches_the_embeddings_api(string path, string body)
    {
        using var response = await _gateway.Client.PostAsync(path, HttpAssert.Json(body.Replace("KEY", AwsKey, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Contains(_upstream.Requests, r => r.Path.EndsWith("/embeddings", StringComparison.Ordinal) && r.RawBody.Contains("what do I like", StringComparison.Ordinal));
        Assert.DoesNotContain(_upstream.Requests, r => r.RawBody.Contains(AwsKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_count_the_input_policy_blocks_is_refused_in_anthropic_s_shape_and_embeds_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/messages/count_tokens")
        {
            Content = HttpAssert.Json("""{"model":"fake-model","metadata":{"user_id":"embed-block-user"},"messages":[{"role":"user","content":"the Zebracorp plan"}]}"""),
        };
        request.Headers.Add("X-Memory-Context", "strict");

        using var response = await _gateway.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", (string?)body["type"]);
        Assert.Equal("invalid_request_error", (string?)body["error"]!["type"]);
        Assert.Contains("blocklist.forbidden", (string?)body["error"]!["message"], StringComparison.Ordinal);
        Assert.DoesNotContain(_upstream.Requests, r => r.RawBody.Contains("Zebracorp", StringComparison.Ordinal));
    }
}

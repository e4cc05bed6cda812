namespace Gateway.Tests.Proxy;

/// <summary>App keys, scopes and per-key rate limits.</summary>
public sealed class AuthTests : IAsyncLifetime
{
    private FakeOpenAIUpstream _upstream = null!;
    private TestGateway _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync();
        _gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = _upstream.BaseUrl,
            ["Auth:Keys:0:Key"] = "key-admin-0000",
            ["Auth:Keys:0:Tenant"] = "acme",
            ["Auth:Keys:1:Key"] = "key-chat-only-1",
            ["Auth:Keys:1:Tenant"] = "acme",
            ["Auth:Keys:1:Scopes:0"] = "chat",
            ["Auth:Keys:2:Key"] = "key-limited-2222",
            ["Auth:Keys:2:Id"] = "limited",
            ["Auth:Keys:2:Scopes:0"] = "chat",
            ["Auth:Keys:2:RequestsPerMinute"] = "60",
            ["RateLimit:BurstSeconds"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private async Task<HttpResponseMessage> ChatAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json("""{"model":"fake-model","messages":[{"role":"user","content":"[[reply:hi]]"}]}"""),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return await _gateway.Client.SendAsync(request);
    }

    [Fact]
    public async Task Without_a_key_v1_answers_401()
    {
        using var response = await ChatAsync(null);
        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(0, _upstream.ChatCalls);
    }

    [Fact]
    public async Task A_wrong_key_answers_401()
    {
        using var response = await ChatAsync("key-admin-0001");
        await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_key_reaches_the_upstream_through_the_sdk()
    {
        var completion = await SdkClients.Chat(_gateway, apiKey: "key-chat-only-1").CompleteChatAsync([new global::OpenAI.Chat.UserChatMessage("[[reply:welcome]]")]);
        Assert.Equal("welcome", completion.Value.Content[0].Text);
    }

    [Fact]
    public async Task A_key_outside_its_scopes_answers_403()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/users/alice/memories");
        request.Headers.Authorization = new("Bearer", "key-chat-only-1");
        using var response = await _gateway.Client.SendAsync(request);
        var error = await HttpAssert.OpenAIErrorAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("insufficient_scope", error["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        using var response = await _gateway.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after()
    {
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await ChatAsync("key-limited-2222");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var error = await HttpAssert.OpenAIErrorAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Equal("rate_limit_exceeded", error["code"]!.GetValue<string>());

        // Another key's bucket is untouched.
        using var other = await ChatAsync("key-chat-only-1");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}

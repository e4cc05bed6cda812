using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Gateway.Tests.Prompts;

public sealed class PromptEndpointAuthTests : IAsyncLifetime
{
    private FakeOpenAIUpstream _upstream = null!;
    private PromptGatewayHost _host = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync();
        _host = await PromptGatewayHost.StartAsync(_upstream.BaseUrl, new Dictionary<string, string?>
        {
            ["Auth:Keys:0:Key"] = "sk-chat-key-123",
            ["Auth:Keys:0:Tenant"] = "acme",
            ["Auth:Keys:0:Scopes:0"] = "chat",
            ["Auth:Keys:1:Key"] = "sk-reader-key-456",
            ["Auth:Keys:1:Tenant"] = "acme",
            ["Auth:Keys:1:Scopes:0"] = "memory:read",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("sk-reader-key-456", HttpStatusCode.Forbidden)]
    [InlineData("sk-chat-key-123", HttpStatusCode.OK)]
    public async Task The_prompt_endpoints_need_the_chat_scope(string? key, HttpStatusCode expected)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, "v1/prompts");
        using var preview = new HttpRequestMessage(HttpMethod.Post, "v1/prompts/preview")
        {
            Content = JsonContent.Create(new { model = "m", user = "carol", messages = new[] { new { role = "user", content = "hi" } } }),
        };
        foreach (var request in new[] { list, preview })
        {
            if (key is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            using var response = await _host.Client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }
}

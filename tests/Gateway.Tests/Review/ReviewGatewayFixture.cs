using Guardrails.Audit;

namespace Gateway.Tests.Review;

/// <summary>The real gateway on a loopback port with app keys, a fake upstream, guardrails on and real SQLite
/// files; a few chats whose answers carry PII produce real audit events.</summary>
public sealed class ReviewGatewayFixture : IAsyncLifetime
{
    public const string AdminKey = "key-review-admin-0001";
    public const string AuditKey = "key-review-audit-0002";
    public const string ChatKey = "key-review-chat-0003";
    public const string OtherTenantKey = "key-review-other-0004";

    private FakeOpenAIUpstream _upstream = null!;

    public TestGateway Gateway { get; private set; } = null!;

    public IAuditLog Audit => Gateway.Services.GetRequiredService<IAuditLog>();

    public async Task InitializeAsync()
    {
        _upstream = await FakeOpenAIUpstream.StartAsync();
        Gateway = await TestGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Upstream:BaseUrl"] = _upstream.BaseUrl,
            ["Auth:Keys:0:Key"] = AdminKey,
            ["Auth:Keys:0:Id"] = "admin-app",
            ["Auth:Keys:0:Tenant"] = "acme",
            ["Auth:Keys:1:Key"] = AuditKey,
            ["Auth:Keys:1:Id"] = "reviewer",
            ["Auth:Keys:1:Tenant"] = "acme",
            ["Auth:Keys:1:Scopes:0"] = "audit:read",
            ["Auth:Keys:2:Key"] = ChatKey,
            ["Auth:Keys:2:Id"] = "support-bot",
            ["Auth:Keys:2:Tenant"] = "acme",
            ["Auth:Keys:2:Scopes:0"] = "chat",
            ["Auth:Keys:3:Key"] = OtherTenantKey,
            ["Auth:Keys:3:Tenant"] = "globex",
        });

        await ChatAsync(ChatKey, "alice", "Call me at +1 415 555 0132 or mail jane.doe@acme.com");
        await ChatAsync(ChatKey, "bob", "The staging key is AKIAZ3MSJV2QWERTY7XC, keep it safe.");
        await ChatAsync(OtherTenantKey, "carol", "Write to carol@globex.com");
    }

    public async Task<string> ChatAsync(string key, string user, string reply)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = HttpAssert.Json(new JsonObject
            {
                ["model"] = "fake-model",
                ["user"] = user,
                ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = $"[[reply:{reply}]]" }),
            }.ToJsonString()),
        };
        request.Headers.Authorization = new("Bearer", key);
        using var response = await Gateway.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }
}

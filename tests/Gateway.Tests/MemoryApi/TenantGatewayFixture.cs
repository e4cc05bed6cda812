namespace Gateway.Tests.MemoryApi;

/// <summary>The gateway with app keys: two tenants with all scopes, and single-scope keys in the first tenant.</summary>
public sealed class TenantGatewayFixture : MemoryGatewayFixture
{
    public const string AcmeAdmin = "key-acme-all-0001";
    public const string GlobexAdmin = "key-globex-all-0002";
    public const string AcmeRead = "key-acme-read-0003";
    public const string AcmeWrite = "key-acme-write-0004";
    public const string AcmeChat = "key-acme-chat-0005";

    protected override IDictionary<string, string?> Settings(string upstreamBaseUrl)
    {
        var settings = base.Settings(upstreamBaseUrl);
        var keys = new (string Key, string Tenant, string? Scope)[]
        {
            (AcmeAdmin, "acme", null),
            (GlobexAdmin, "globex", null),
            (AcmeRead, "acme", "memory:read"),
            (AcmeWrite, "acme", "memory:write"),
            (AcmeChat, "acme", "chat"),
        };
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Auth:Keys:{i}:Key"] = keys[i].Key;
            settings[$"Auth:Keys:{i}:Tenant"] = keys[i].Tenant;
            if (keys[i].Scope is { } scope)
            {
                settings[$"Auth:Keys:{i}:Scopes:0"] = scope;
            }
        }

        return settings;
    }
}

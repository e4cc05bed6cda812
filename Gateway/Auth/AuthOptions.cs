namespace Gateway.Auth;

/// <summary>Settings section <c>Auth</c>: app keys. With none, the gateway is open (tenant <c>default</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public List<AppKeyOptions> Keys { get; set; } = [];
}

/// <summary>One app key: <c>Auth:Keys:N:Key</c>, <c>:Tenant</c>, <c>:Scopes:M</c>, optional <c>:Id</c> (shown in
/// logs, audit and metrics instead of the key), <c>:Template</c> (prompt template override) and
/// <c>:RequestsPerMinute</c> (this key's rate limit).</summary>
public sealed class AppKeyOptions
{
    public string Key { get; set; } = string.Empty;
    public string? Id { get; set; }
    public string Tenant { get; set; } = "default";
    public List<string> Scopes { get; set; } = [];
    public string? Template { get; set; }
    public int? RequestsPerMinute { get; set; }
}

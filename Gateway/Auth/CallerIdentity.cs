namespace Gateway.Auth;

/// <summary>The authenticated app: its tenant, its key id (never the key), its scopes, and any per-key
/// template or policy override.</summary>
public sealed record CallerIdentity(string Tenant, string? KeyId, IReadOnlySet<string> Scopes, string? PromptTemplate = null)
{
    public static CallerIdentity Open { get; } = new("default", null, new HashSet<string>(StringComparer.Ordinal) { Scope.Admin });

    public bool Has(string scope) => Scopes.Contains(Scope.Admin) || Scopes.Contains(scope);
}

/// <summary>The contract's scope names.</summary>
public static class Scope
{
    public const string Chat = "chat";
    public const string MemoryRead = "memory:read";
    public const string MemoryWrite = "memory:write";
    public const string AuditRead = "audit:read";
    public const string Admin = "admin";
}

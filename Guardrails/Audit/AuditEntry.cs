namespace Guardrails.Audit;

/// <summary>A decision to record. <see cref="UserId"/> is the raw id (pseudonymised on write);
/// <see cref="Excerpt"/> must already be redacted (the log redacts again and caps it anyway).</summary>
public sealed record AuditEntry
{
    public required string RequestId { get; init; }
    public required string Tenant { get; init; }
    public string? UserId { get; init; }
    /// <summary><c>input</c>, <c>output</c> or <c>memory</c>.</summary>
    public required string Stage { get; init; }
    public required string Rule { get; init; }
    /// <summary><c>allow</c>, <c>flag</c>, <c>redact</c>, <c>block</c> or <c>retry</c>.</summary>
    public required string Action { get; init; }
    public string Excerpt { get; init; } = string.Empty;
    public double Score { get; init; } = 1.0;
    public string? TemplateVersion { get; init; }
    /// <summary>App key id (never the key).</summary>
    public string? KeyId { get; init; }
    /// <summary>The policy version that decided.</summary>
    public string? PolicyVersion { get; init; }
}

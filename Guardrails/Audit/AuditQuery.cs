namespace Guardrails.Audit;

/// <summary>Filters over one tenant's events. <see cref="Rule"/> matches a rule or a whole family
/// (<c>pii</c> matches <c>pii.email</c>); <see cref="UserId"/> may be a raw id (pseudonymised before the query)
/// or a pseudonym as shown in events (<c>u_</c> + 32 hex digits).</summary>
public sealed record AuditQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public required string Tenant { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }
    public string? Rule { get; init; }
    public string? Action { get; init; }
    public string? Stage { get; init; }
    public string? UserId { get; init; }
    public string? KeyId { get; init; }
    public string? RequestId { get; init; }
    /// <summary>Only events with a smaller id (paging backwards from the newest; ids are per tenant).</summary>
    public long? BeforeId { get; init; }
    public int Limit { get; init; } = DefaultLimit;
}

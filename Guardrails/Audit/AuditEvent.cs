namespace Guardrails.Audit;

/// <summary>A recorded decision as reviewers see it. <see cref="UserId"/> is the pseudonym;
/// <see cref="Excerpt"/> is null (and <see cref="ExcerptErased"/> true) once the user was erased.</summary>
public sealed record AuditEvent
{
    /// <summary>The event's number within its tenant (1, 2, 3, ...): another tenant's event 7 is unrelated.</summary>
    public required long Id { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string RequestId { get; init; }
    public required string Tenant { get; init; }
    public string? UserId { get; init; }
    public required string Stage { get; init; }
    public required string Rule { get; init; }
    public required string Action { get; init; }
    public string? Excerpt { get; init; }
    public bool ExcerptErased { get; init; }
    public double Score { get; init; }
    public string? TemplateVersion { get; init; }
    public string? KeyId { get; init; }
    public string? PolicyVersion { get; init; }
    /// <summary>The latest reviewer verdict, if any.</summary>
    public string? Verdict { get; init; }
    public string? VerdictNote { get; init; }
    public DateTimeOffset? VerdictAt { get; init; }
    public required string Hash { get; init; }
    public required string PrevHash { get; init; }
}

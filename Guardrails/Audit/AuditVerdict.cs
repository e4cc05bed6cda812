namespace Guardrails.Audit;

/// <summary>A reviewer's judgement of one event, appended to its own chain. <see cref="Id"/> numbers the tenant's
/// verdicts; <see cref="EventId"/> is the event's id as the API shows it (both per tenant).</summary>
public sealed record AuditVerdict(long Id, long EventId, string Verdict, string? Note, DateTimeOffset At);

/// <summary>The verdicts a reviewer may give.</summary>
public static class AuditVerdicts
{
    public const string TruePositive = "true_positive";
    public const string FalsePositive = "false_positive";

    public static bool IsValid(string? verdict) => verdict is TruePositive or FalsePositive;
}

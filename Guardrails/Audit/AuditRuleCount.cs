namespace Guardrails.Audit;

/// <summary>How many events a rule produced in the bucket starting at <see cref="BucketStart"/>.</summary>
public sealed record AuditRuleCount(DateTimeOffset BucketStart, string Rule, long Count);

namespace Guardrails;

/// <summary>Settings section <c>Guardrails</c>.</summary>
public sealed class GuardrailsOptions
{
    public const string Section = "Guardrails";

    /// <summary>Runs the checks; when false every stage allows everything and nothing is audited.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder of the policy files (<c>default.yaml</c>, <c>key.&lt;keyId&gt;.yaml</c>,
    /// <c>context.&lt;context&gt;.yaml</c>); the gateway sets <c>{Prompts:Directory}/policies</c>; unset, <c>prompts/policies</c>.</summary>
    public string? PoliciesDirectory { get; set; }

    /// <summary>Folder of the audit database and key file; the gateway sets <c>Storage:Directory</c>; unset, <c>data</c>.</summary>
    public string? StorageDirectory { get; set; }

    /// <summary>File name of the audit database inside <see cref="StorageDirectory"/>.</summary>
    public string AuditFileName { get; set; } = "audit.db";

    /// <summary>Audit events older than this many days are pruned from the head of the chain; 0 keeps all.</summary>
    public int AuditRetentionDays { get; set; } = 365;

    /// <summary>Secret for the keyed hash that pseudonymises user ids and wraps per-user excerpt keys. When
    /// empty, a random key is generated once into <c>audit.key</c> beside the database.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>Most characters of text kept around a finding in its (redacted) audit excerpt.</summary>
    public int AuditExcerptChars { get; set; } = 160;

    /// <summary>How often policy files are polled in case file-change notifications are missed.</summary>
    public int PolicyPollSeconds { get; set; } = 2;

    /// <summary>Quiet time after a file-change notification before policies reload.</summary>
    public int PolicyDebounceMilliseconds { get; set; } = 250;

    /// <summary>Most time one check may spend on one text. A check that runs out (or whose pattern times out)
    /// is recorded as <c>guardrail.error</c> and treated as a match unless the policy names another action.</summary>
    public int CheckTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Most audit events one request may record; past it one <c>guardrail.audit_capped</c> event says how
    /// many were left out.</summary>
    public int MaxAuditEventsPerRequest { get; set; } = 100;
}

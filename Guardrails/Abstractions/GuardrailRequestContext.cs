namespace Guardrails.Abstractions;

/// <summary>Who and what a check is about; carried into every audit event it records.</summary>
public sealed record GuardrailRequestContext
{
    /// <summary>The caller's request id, for correlation (two callers may send the same one).</summary>
    public required string RequestId { get; init; }
    /// <summary>An id the gateway made for this one call, never the caller's: what the per-request audit allowance is
    /// counted by, so a reused <see cref="RequestId"/> cannot spend another call's allowance. Null: the request id.</summary>
    public string? CallId { get; init; }
    public required string Tenant { get; init; }
    /// <summary>The end user's raw id; the audit log stores only its keyed pseudonym.</summary>
    public string? UserId { get; init; }
    /// <summary>Feature context (chat, search, docs...), for per-context policy overrides.</summary>
    public string? Context { get; init; }
    /// <summary>App key id (never the key itself), for per-key policy overrides.</summary>
    public string? KeyId { get; init; }
    public string? TemplateVersion { get; init; }
    /// <summary>A dry run (the prompt preview): decisions are made and applied to the text, but nothing is recorded
    /// in the audit log, since nothing is sent or stored.</summary>
    public bool DryRun { get; init; }
    /// <summary>Per-request canaries embedded in the injected memory block; an answer holding one is leakage.</summary>
    public IReadOnlyList<string> Canaries { get; init; } = [];
    /// <summary>Texts of memories belonging to other users that must never appear in the answer (optional).</summary>
    public IReadOnlyList<string> ForeignMemoryTexts { get; init; } = [];
    /// <summary>The JSON schema the app asked for with response_format json_schema, if any.</summary>
    public string? ResponseJsonSchema { get; init; }
}

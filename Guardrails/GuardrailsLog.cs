using Guardrails.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Guardrails;

/// <summary>Every log message of the Guardrails library (event ids 3000-3999). Never user text, excerpts,
/// user ids or keys: rules, stages, counts and file names only.</summary>
internal static partial class GuardrailsLog
{
    [LoggerMessage(GuardrailsEventIds.CheckFailed, LogLevel.Error, "Guardrail check {Family} failed on stage {Stage}; recorded as guardrail.error and treated as the policy says")]
    public static partial void CheckFailed(ILogger logger, string family, string stage, Exception exception);

    [LoggerMessage(GuardrailsEventIds.AuditWriteFailed, LogLevel.Error, "Could not record audit event for rule {Rule}")]
    public static partial void AuditWriteFailed(ILogger logger, string rule, Exception exception);

    [LoggerMessage(GuardrailsEventIds.Decision, LogLevel.Debug, "Guardrail decision on {Stage}: {Action} ({FindingCount} findings, decisive rule {Rule})")]
    public static partial void Decision(ILogger logger, string stage, string action, int findingCount, string? rule);

    [LoggerMessage(GuardrailsEventIds.FindingsCapped, LogLevel.Warning, "{FindingCount} findings not audited: the request reached the cap of {Cap} audit events")]
    public static partial void FindingsCapped(ILogger logger, int findingCount, int cap);

    [LoggerMessage(GuardrailsEventIds.PolicyLoaded, LogLevel.Information, "Guardrail policy {File} loaded (version {Version})")]
    public static partial void PolicyLoaded(ILogger logger, string file, string version);

    [LoggerMessage(GuardrailsEventIds.PolicyRejected, LogLevel.Error, "Guardrail policy {File} is invalid; the last good version keeps serving: {Error}")]
    public static partial void PolicyRejected(ILogger logger, string file, string error);

    [LoggerMessage(GuardrailsEventIds.PolicyRemoved, LogLevel.Information, "Guardrail policy {File} removed")]
    public static partial void PolicyRemoved(ILogger logger, string file);

    [LoggerMessage(GuardrailsEventIds.PoliciesDirectoryMissing, LogLevel.Warning, "Guardrail policies directory {Directory} not found; the built-in default policy serves")]
    public static partial void PoliciesDirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(GuardrailsEventIds.PolicyWatchFailed, LogLevel.Warning, "Watching guardrail policies failed; polling continues")]
    public static partial void PolicyWatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(GuardrailsEventIds.PolicyReloadFailed, LogLevel.Error, "Reloading guardrail policies failed")]
    public static partial void PolicyReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(GuardrailsEventIds.AuditOpened, LogLevel.Information, "Audit log at {Path}")]
    public static partial void AuditOpened(ILogger logger, string path);

    [LoggerMessage(GuardrailsEventIds.AuditKeyGenerated, LogLevel.Warning, "Generated a new audit key file at {Path}; keep it with the database (it keys user pseudonyms and excerpt keys)")]
    public static partial void AuditKeyGenerated(ILogger logger, string path);

    [LoggerMessage(GuardrailsEventIds.AuditPruned, LogLevel.Information, "Audit retention pruned {EventCount} events and {VerdictCount} verdicts older than {Days} days")]
    public static partial void AuditPruned(ILogger logger, int eventCount, int verdictCount, int days);

    [LoggerMessage(GuardrailsEventIds.AuditUserErased, LogLevel.Information, "Audit erasure destroyed {KeyCount} excerpt keys of one user in tenant {Tenant}")]
    public static partial void AuditUserErased(ILogger logger, int keyCount, string tenant);

    [LoggerMessage(GuardrailsEventIds.AuditRetentionFailed, LogLevel.Error, "Audit retention failed")]
    public static partial void AuditRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(GuardrailsEventIds.AuditExcerptDropped, LogLevel.Warning, "An audit event was recorded without its excerpt: the shared excerpt keys cannot be reached")]
    public static partial void AuditExcerptDropped(ILogger logger);

    [LoggerMessage(GuardrailsEventIds.StreamBlocked, LogLevel.Information, "Streamed answer blocked by rule {Rule}")]
    public static partial void StreamBlocked(ILogger logger, string rule);

    [LoggerMessage(GuardrailsEventIds.SchemaUnusable, LogLevel.Warning, "Response schema not usable for validation: {Reason}")]
    public static partial void SchemaUnusable(ILogger logger, string reason);
}

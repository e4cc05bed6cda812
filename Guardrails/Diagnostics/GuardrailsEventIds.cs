namespace Guardrails.Diagnostics;

/// <summary>Every log event id of the Guardrails assembly, in one place so none is used twice (range 3000-3999; a test
/// fails on a duplicate or an id outside it). Grouped by area; the source-generated <c>[LoggerMessage]</c> methods
/// name these constants.</summary>
internal static class GuardrailsEventIds
{
    // GuardrailsLog.cs
    public const int CheckFailed = 3000;
    public const int AuditWriteFailed = 3001;
    public const int Decision = 3002;
    public const int FindingsCapped = 3003;
    public const int PolicyLoaded = 3100;
    public const int PolicyRejected = 3101;
    public const int PolicyRemoved = 3102;
    public const int PoliciesDirectoryMissing = 3103;
    public const int PolicyWatchFailed = 3104;
    public const int PolicyReloadFailed = 3105;
    public const int AuditOpened = 3200;
    public const int AuditKeyGenerated = 3201;
    public const int AuditPruned = 3202;
    public const int AuditUserErased = 3203;
    public const int AuditRetentionFailed = 3204;
    public const int AuditExcerptDropped = 3205;
    public const int StreamBlocked = 3300;
    public const int SchemaUnusable = 3400;
}

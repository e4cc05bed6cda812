using Microsoft.Extensions.Options;

namespace Guardrails;

/// <summary>Stops startup with a clear message when a <c>Guardrails</c> setting is out of range.</summary>
internal sealed class GuardrailsOptionsValidator : IValidateOptions<GuardrailsOptions>
{
    public ValidateOptionsResult Validate(string? name, GuardrailsOptions options)
    {
        var errors = new List<string>();
        if (options.AuditRetentionDays < 0)
        {
            errors.Add("Guardrails:AuditRetentionDays must be 0 (keep everything) or more.");
        }

        if (options.AuditExcerptChars is < 40 or > 2000)
        {
            errors.Add("Guardrails:AuditExcerptChars must be between 40 and 2000.");
        }

        if (options.PolicyPollSeconds is < 1 or > 3600)
        {
            errors.Add("Guardrails:PolicyPollSeconds must be between 1 and 3600.");
        }

        if (options.PolicyDebounceMilliseconds is < 0 or > 60_000)
        {
            errors.Add("Guardrails:PolicyDebounceMilliseconds must be between 0 and 60000.");
        }

        if (options.CheckTimeoutMilliseconds is < 1 or > 60_000)
        {
            errors.Add("Guardrails:CheckTimeoutMilliseconds must be between 1 and 60000.");
        }

        if (options.MaxAuditEventsPerRequest is < 1 or > 100_000)
        {
            errors.Add("Guardrails:MaxAuditEventsPerRequest must be between 1 and 100000.");
        }

        if (string.IsNullOrWhiteSpace(options.AuditFileName) || options.AuditFileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || options.AuditFileName.Contains('/', StringComparison.Ordinal))
        {
            errors.Add("Guardrails:AuditFileName must be a plain file name.");
        }

        if (!string.IsNullOrEmpty(options.PseudonymKey) && options.PseudonymKey.Trim().Length < 16)
        {
            errors.Add("Guardrails:PseudonymKey must be at least 16 characters (or base64 of at least 16 bytes); leave it empty to generate a key file.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

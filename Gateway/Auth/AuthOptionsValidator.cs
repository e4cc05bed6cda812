using Gateway.Pipeline;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>Rejects keys that are empty, duplicated, or carry unknown scopes or unusable tenant names. Short keys are
/// the deployer's choice (README advises long random ones).</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    private static readonly HashSet<string> KnownScopes = [Scope.Chat, Scope.MemoryRead, Scope.MemoryWrite, Scope.AuditRead, Scope.Admin];

    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var k = options.Keys[i];
            if (string.IsNullOrWhiteSpace(k.Key) || k.Key.Trim().Length != k.Key.Length)
            {
                errors.Add($"Auth:Keys:{i}:Key must be set, without surrounding spaces.");
            }

            if (!IdentityRules.IsValidContext(k.Tenant))
            {
                errors.Add($"Auth:Keys:{i}:Tenant must be 1-64 characters without control characters or surrounding spaces.");
            }

            foreach (var s in k.Scopes.Where(s => !KnownScopes.Contains(s)))
            {
                errors.Add($"Auth:Keys:{i}:Scopes has unknown scope '{s}' (known: {string.Join(", ", KnownScopes)}).");
            }

            if (k.RequestsPerMinute is < 0)
            {
                errors.Add($"Auth:Keys:{i}:RequestsPerMinute must not be negative.");
            }
        }

        foreach (var dup in options.Keys.Where(k => !string.IsNullOrEmpty(k.Key)).GroupBy(k => k.Key, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("Auth:Keys holds the same key twice.");
        }

        foreach (var dup in options.Keys.Select((k, i) => k.Id ?? $"key-{i}").GroupBy(x => x, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Auth:Keys ids must be unique ('{dup.Key}').");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

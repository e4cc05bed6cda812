namespace Guardrails.Checks;

/// <summary>The rule families of the contract, and the placeholders redactions write.</summary>
internal static class RuleFamilies
{
    public const string Pii = "pii";
    public const string Secret = "secret";
    public const string Injection = "injection";
    public const string Schema = "schema";
    public const string Leakage = "leakage";
    public const string Blocklist = "blocklist";
    public const string Topic = "topic";
    public const string Length = "length";

    /// <summary>The guardrails' own failures: <c>guardrail.error</c> when a check timed out.</summary>
    public const string Guardrail = "guardrail";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Pii, Secret, Injection, Schema, Leakage, Blocklist, Topic, Length, Guardrail,
    };

    /// <summary>Families whose matches are personal data or credentials: always redacted in audit excerpts.</summary>
    public static bool IsSensitive(string family) => family is Pii or Secret or Leakage;

    public static string FamilyOf(string rule)
    {
        var dot = rule.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rule : rule[..dot];
    }
}

/// <summary>Typed placeholders that replace redacted spans.</summary>
internal static class Placeholders
{
    public const string Email = "[EMAIL]";
    public const string Phone = "[PHONE]";
    public const string Card = "[CARD]";
    public const string Iban = "[IBAN]";
    public const string Ssn = "[SSN]";
    public const string NhsNumber = "[NHS]";
    public const string NationalId = "[ID]";
    public const string DateOfBirth = "[DOB]";
    public const string Ip = "[IP]";
    public const string Secret = "[SECRET]";
    public const string Redacted = "[REDACTED]";
    public const string LeakedMemory = "[WITHHELD]";
}

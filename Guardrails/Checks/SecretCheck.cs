namespace Guardrails.Checks;

/// <summary>Credentials, redacted to <c>[SECRET]</c>: provider keys and tokens by their documented shapes,
/// private key blocks, JWTs, bearer and basic credentials, passwords after a password key, and random-looking
/// values after a key-like name (threshold <c>thresholds.entropy</c>, bits per character).</summary>
internal sealed class SecretCheck : IGuardrailCheck
{
    public const string GenericRule = "secret.generic";
    public const string PasswordRule = "secret.password";
    public const double DefaultEntropy = 3.2;

    public string Family => RuleFamilies.Secret;

    public int StreamWindow => 128;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (var pattern in SecretPatterns.Specific)
        {
            foreach (var detection in Find(text, pattern))
            {
                yield return detection;
            }
        }

        foreach (System.Text.RegularExpressions.Match match in Matches(SecretPatterns.PasswordAssignment, text))
        {
            var value = match.Groups[1];
            if (SecretPatterns.IsPassword(value.Value))
            {
                yield return new Detection(PasswordRule, value.Index, value.Length, Placeholders.Secret, Continuation: SpanContinuation.Token);
            }
        }

        var threshold = context.Policy.Threshold("entropy", DefaultEntropy);
        foreach (System.Text.RegularExpressions.Match match in Matches(SecretPatterns.KeyAssignment, text))
        {
            var value = match.Groups[1];
            var trimmed = value.Value.TrimEnd('.', ',', ')', ']', '}');
            if (!Entropy.LooksLikePlaceholder(trimmed) && SecretPatterns.LooksRandom(trimmed, threshold))
            {
                yield return new Detection(GenericRule, value.Index, trimmed.Length, Placeholders.Secret, Continuation: SpanContinuation.Token);
            }
        }
    }

    private static IEnumerable<System.Text.RegularExpressions.Match> Matches(SecretPattern pattern, string text) =>
        pattern.IsWorthRunning(text) ? pattern.Regex.Matches(text) : [];

    private static IEnumerable<Detection> Find(string text, SecretPattern pattern)
    {
        foreach (System.Text.RegularExpressions.Match match in Matches(pattern, text))
        {
            var group = match.Groups[pattern.Group];
            if (pattern.Validate is null || pattern.Validate(group.Value))
            {
                yield return new Detection(pattern.Rule, group.Index, group.Length, Placeholders.Secret, Continuation: pattern.Continuation);
            }
        }
    }
}

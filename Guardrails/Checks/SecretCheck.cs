using Guardrails.Abstractions;
using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Credentials, redacted to <c>[SECRET]</c>: provider keys and tokens by their documented shapes,
/// private key blocks, JWTs, bearer and basic credentials, passwords and passphrases after a password key, random-looking
/// values after a key-like name (threshold <c>thresholds.entropy</c>, bits per character) or right after a
/// secret word with no separator ("my token Zx8k..."), and the 40-character secret next to an AWS access key id.
/// A value already found under a more telling rule is not reported again.</summary>
internal sealed class SecretCheck : IGuardrailCheck
{
    public const string GenericRule = "secret.generic";
    public const string PasswordRule = "secret.password";
    public const string AwsSecretRule = "secret.aws_secret_key";
    public const string AwsAccessKeyRule = "secret.aws_access_key";
    public const string RedactedRule = "secret.redacted";
    public const double DefaultEntropy = 3.2;

    /// <summary>Shortest value taken as a generic secret after a bare word (assignments take 16 too).</summary>
    private const int MinBareLength = 16;

    public string Family => RuleFamilies.Secret;

    public int StreamWindow => 128;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        var found = new List<Detection>();
        foreach (var pattern in SecretPatterns.Specific)
        {
            context.Budget?.ThrowIfExceeded();
            Find(text, pattern, found);
        }

        AddAwsSecretsNearKeyIds(text, found);
        foreach (Match match in Matches(SecretPatterns.XmlPasswordAssignment, text))
        {
            var value = match.Groups["value"];
            if (SecretPatterns.IsXmlPassword(value.Value))
            {
                AddNew(found, new Detection(PasswordRule, value.Index, value.Length, Placeholders.Secret));
            }
        }

        AddSshKeygenPassphrases(text, found);
        foreach (Match match in Matches(SecretPatterns.PassphraseAssignment, text))
        {
            if (SecretPatterns.PassphraseLength(text, match) is > 0 and var length)
            {
                AddNew(found, new Detection(PasswordRule, match.Groups["value"].Index, length, Placeholders.Secret));
            }
        }

        foreach (Match match in Matches(SecretPatterns.PasswordAssignment, text))
        {
            var value = match.Groups[1];
            if (SecretPatterns.IsPassword(value.Value) || SecretPatterns.IsConfigPassword(text, match.Index, value))
            {
                AddNew(found, new Detection(PasswordRule, value.Index, value.Length, Placeholders.Secret, Continuation: SpanContinuation.Token));
            }
        }

        var threshold = context.Policy.Threshold("entropy", DefaultEntropy);
        foreach (Match match in Matches(SecretPatterns.KeyAssignment, text))
        {
            var value = match.Groups[1];
            var trimmed = value.Value.TrimEnd('.', ',', ')', ']', '}');
            if (!Entropy.LooksLikePlaceholder(trimmed) && SecretPatterns.LooksRandom(trimmed, threshold))
            {
                AddNew(found, new Detection(GenericRule, value.Index, trimmed.Length, Placeholders.Secret, Continuation: SpanContinuation.Token));
            }
        }

        context.Budget?.ThrowIfExceeded();
        AddBareValues(text, threshold, found);
        if (context.Stage == GuardrailStage.Memory)
        {
            AddRedactedCredentials(text, found);
        }

        return found;
    }

    /// <summary>On the memory stage, a credential an earlier stage already replaced ("The user's bank PIN is
    /// [SECRET]"): the memory would keep only the fact that a secret exists, so it is reported (rule
    /// <see cref="RedactedRule"/>) and the memory policy decides; by default credentials are never remembered.</summary>
    private static void AddRedactedCredentials(string text, List<Detection> found)
    {
        for (var at = text.IndexOf(Placeholders.Secret, StringComparison.Ordinal); at >= 0; at = text.IndexOf(Placeholders.Secret, at + Placeholders.Secret.Length, StringComparison.Ordinal))
        {
            AddNew(found, new Detection(RedactedRule, at, Placeholders.Secret.Length, Placeholders.Secret));
        }
    }

    /// <summary>"secret wJalr...", "token Zx8k...", "password Tr0ub4dor&amp;3": a secret word, blanks, then a
    /// value. Without a separator the value must look random and must not be a hex digest or UUID (commit SHAs,
    /// request ids) or a publishable key (<c>pk_live_...</c>); a password needs three character classes.</summary>
    private static void AddBareValues(string text, double threshold, List<Detection> found)
    {
        foreach (Match match in Matches(SecretPatterns.BareValue, text))
        {
            var word = match.Groups[1].Value;
            var value = match.Groups[2];
            var trimmed = value.Value.TrimEnd('.', ',', ')', ']', '}', '!', '*');
            if (Entropy.LooksLikePlaceholder(trimmed) || SecretPatterns.IsHexOrUuid(trimmed) || trimmed.StartsWith("pk_", StringComparison.Ordinal))
            {
                continue;
            }

            var isPassword = word.StartsWith("pass", StringComparison.OrdinalIgnoreCase) || word.Equals("pwd", StringComparison.OrdinalIgnoreCase);
            if (isPassword && SecretPatterns.IsPassword(trimmed) && Entropy.CharacterClasses(trimmed) >= 3 && SecretPatterns.LooksRandom(trimmed, threshold))
            {
                AddNew(found, new Detection(PasswordRule, value.Index, trimmed.Length, Placeholders.Secret, Continuation: SpanContinuation.Token));
            }
            else if (trimmed.Length >= MinBareLength && Entropy.CharacterClasses(trimmed) >= 3 && SecretPatterns.LooksRandom(trimmed, threshold))
            {
                AddNew(found, new Detection(GenericRule, value.Index, trimmed.Length, Placeholders.Secret, Continuation: SpanContinuation.Token));
            }
        }
    }

    /// <summary>The passphrases of ssh-keygen's <c>-N</c> and <c>-P</c> ("ssh-keygen -t ed25519 -N 'my secret phrase'"): an
    /// option counts on a line where ssh-keygen stands before it. Options come in text order and the text between two
    /// of them is read once for the last line break and the last command, so a text of many options stays linear.</summary>
    private static void AddSshKeygenPassphrases(string text, List<Detection> found)
    {
        int scanned = 0, lastBreak = -1, lastCommand = -1;
        foreach (Match match in Matches(SecretPatterns.SshKeygenOption, text))
        {
            var between = text.AsSpan(scanned, match.Index - scanned);
            if (between.LastIndexOfAny('\n', '\r') is >= 0 and var lineBreak)
            {
                lastBreak = scanned + lineBreak;
            }

            if (between.LastIndexOf("ssh-keygen", StringComparison.Ordinal) is >= 0 and var command)
            {
                lastCommand = scanned + command;
            }

            scanned = match.Index;
            var value = match.Groups[1];
            if (lastCommand > lastBreak && SecretPatterns.IsOptionPassphrase(value.Value))
            {
                AddNew(found, new Detection(PasswordRule, value.Index, value.Length, Placeholders.Secret));
            }
        }
    }

    /// <summary>An AWS secret access key is 40 base64 characters with no prefix of its own; scanners pair it with
    /// the access key id it travels with. Any standalone 40-character random run near an id is one.</summary>
    private static void AddAwsSecretsNearKeyIds(string text, List<Detection> found)
    {
        var keyIds = found.Where(d => d.Rule == AwsAccessKeyRule).ToList();
        var searchedTo = 0;
        foreach (var keyId in keyIds)
        {
            var from = Math.Max(searchedTo, keyId.Start - SecretPatterns.AwsPairDistance);
            var to = Math.Min(text.Length, keyId.End + SecretPatterns.AwsPairDistance);
            if (from >= to)
            {
                continue;
            }

            foreach (var candidate in SecretPatterns.AwsSecretCandidate.EnumerateMatches(text.AsSpan(from, to - from)))
            {
                // The slice hides its edges from the pattern's look-arounds: a run cut by the slice is not standalone.
                var start = from + candidate.Index;
                var end = start + candidate.Length;
                var value = text.Substring(start, candidate.Length);
                if ((start == 0 || !IsBase64Char(text[start - 1])) && (end == text.Length || !(IsBase64Char(text[end]) || text[end] == '='))
                    && SecretPatterns.LooksLikeAwsSecret(value))
                {
                    AddNew(found, new Detection(AwsSecretRule, start, candidate.Length, Placeholders.Secret, Continuation: SpanContinuation.Token));
                }
            }

            searchedTo = to;
        }
    }

    private static bool IsBase64Char(char c) => char.IsAsciiLetterOrDigit(c) || c is '/' or '+';

    /// <summary>Adds <paramref name="detection"/> unless an earlier (more specific) finding already covers it.</summary>
    /// <remarks>Looks back over the last <see cref="DedupWindow"/> findings only, so a text with thousands of
    /// findings stays linear; findings arrive in text order per pattern, so a covering one is near the end (a
    /// duplicate past the window costs one extra audit event, never a missed redaction).</remarks>
    private static void AddNew(List<Detection> found, Detection detection)
    {
        for (var i = found.Count - 1; i >= Math.Max(0, found.Count - DedupWindow); i--)
        {
            if (found[i].Start <= detection.Start && found[i].End >= detection.End)
            {
                return;
            }
        }

        found.Add(detection);
    }

    private const int DedupWindow = 64;

    private static IEnumerable<Match> Matches(SecretPattern pattern, string text) =>
        pattern.IsWorthRunning(text) ? pattern.Regex.Matches(text) : [];

    private static void Find(string text, SecretPattern pattern, List<Detection> found)
    {
        foreach (Match match in Matches(pattern, text))
        {
            var group = match.Groups[pattern.Group];
            if (pattern.Validate is null || pattern.Validate(group.Value))
            {
                AddNew(found, new Detection(pattern.Rule, group.Index, group.Length, Placeholders.Secret, Continuation: pattern.Continuation));
            }
        }
    }
}

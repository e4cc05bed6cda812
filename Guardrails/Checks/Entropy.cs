using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Shannon entropy and the tells of placeholders ("your_api_key_here", "${TOKEN}", "********"), used
/// to decide whether a value in key-like context is a real credential.</summary>
internal static partial class Entropy
{
    /// <summary>Bits per character of <paramref name="value"/>.</summary>
    public static double BitsPerChar(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = new Dictionary<char, int>();
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other[c] = other.GetValueOrDefault(c) + 1;
            }
        }

        double bits = 0;
        double n = value.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / n;
                bits -= p * Math.Log2(p);
            }
        }

        foreach (var count in other.Values)
        {
            var p = count / n;
            bits -= p * Math.Log2(p);
        }

        return bits;
    }

    /// <summary>How many of lower case, upper case, digits and symbols occur.</summary>
    public static int CharacterClasses(ReadOnlySpan<char> value)
    {
        bool lower = false, upper = false, digit = false, symbol = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterLower(c)) lower = true;
            else if (char.IsAsciiLetterUpper(c)) upper = true;
            else if (char.IsAsciiDigit(c)) digit = true;
            else symbol = true;
        }

        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    /// <summary>True for template variables, masks, and values made of plain words ("my-secret-token").</summary>
    public static bool LooksLikePlaceholder(string value)
    {
        if (Placeholder().IsMatch(value) || Masked().IsMatch(value))
        {
            return true;
        }

        // Words joined by separators with no digit: an identifier or a description, not a credential.
        return WordsOnly().IsMatch(value) || Repetitive(value);
    }

    /// <summary>A template, variable reference or masked value (<c>&lt;password&gt;</c>, <c>${PW}</c>, <c>****</c>,
    /// <c>your_password</c>), without <see cref="LooksLikePlaceholder"/>'s rule that words without digits are
    /// descriptions.</summary>
    public static bool IsTemplateOrMask(string value) => Placeholder().IsMatch(value) || Masked().IsMatch(value) || Repetitive(value);

    private static bool Repetitive(string value)
    {
        var distinct = new HashSet<char>(value);
        return distinct.Count <= Math.Max(2, value.Length / 8);
    }

    [GeneratedRegex(@"^(?:<[^>]*>?|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{.*\}\}?|%\(?[A-Za-z_]+\)?s?|\[[^\]]*\]?|(?:process\.env|os\.environ|env|config|settings|secrets)\b.*)$|(?:^|[^a-z])(?:your|my|insert|replace|example|sample|dummy|placeholder|changeme|change_me|redacted|x{4,}|todo|fixme|here|goes|secret_value|api_key|apikey|token_value)(?:[^a-z]|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^[*x•.\-_#]{4,}$|^[*•]{3,}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Masked();

    [GeneratedRegex(@"^[A-Za-z]+(?:[_\-. ][A-Za-z]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex WordsOnly();
}

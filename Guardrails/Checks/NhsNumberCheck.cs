using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>UK NHS numbers, redacted to <c>[NHS]</c>: ten digits (<c>943 476 5919</c>, <c>943-476-5919</c>,
/// <c>9434765919</c>) whose last digit is the modulus-11 check of the first nine, right after "NHS" ("NHS number
/// 943 476 5919", "my NHS no. is ..."). The shape is a phone number's too, so without the word, or with a failing
/// check digit, the number is left to the phone check; one this check vouches for is reported here only.</summary>
internal sealed partial class NhsNumberCheck : IGuardrailCheck
{
    public const string Rule = "pii.nhs_number";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 64;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (!text.Contains("nhs", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }

        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            if (HasValidCheckDigit(match.ValueSpan) && Cue().IsMatch(TextContext.Before(text, match.Index)))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.NhsNumber);
            }
        }
    }

    /// <summary>Weights 10 down to 2 over the first nine digits; 11 minus the sum modulo 11 is the check digit (11
    /// reads 0; 10 is never issued).</summary>
    internal static bool HasValidCheckDigit(ReadOnlySpan<char> value)
    {
        Span<int> digits = stackalloc int[10];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c - '0';
            }
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += digits[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        check = check == 11 ? 0 : check;
        return check != 10 && check == digits[9];
    }

    [GeneratedRegex(@"(?<![\w\-/.+$])(?:\d{3} \d{3} \d{4}|\d{3}-\d{3}-\d{4}|\d{10})(?![\w\-/]|[.,]\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();

    // "NHS number: ", "NHS No. ", "my NHS number is ", "nhs_number=": the word, then no digit and no line break.
    [GeneratedRegex(@"(?<![A-Za-z])nhs(?![A-Za-z])[^\n\d]{0,32}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Cue();
}

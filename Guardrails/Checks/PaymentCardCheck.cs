using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Payment card numbers, redacted to <c>[CARD]</c>: 13 to 19 digits, plainly or consistently grouped
/// (4-4-4-4, 4-6-5), with a known issuer range for that length and a valid Luhn check digit. Runs after a
/// reference label ("order #", "tracking no.") are references, unless a card word says otherwise.</summary>
internal sealed partial class PaymentCardCheck : IGuardrailCheck
{
    public const string Rule = "pii.card";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 64;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            if (IsCard(text, match.Index, match.Length))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Card);
            }
        }
    }

    internal static bool IsCard(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        Span<char> digits = stackalloc char[19];
        var n = 0;
        var groups = new List<int>(6);
        var run = 0;
        char? separator = null;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == 19)
                {
                    return false;
                }

                digits[n++] = c;
                run++;
                continue;
            }

            if (separator is { } s && s != c)
            {
                return false;
            }

            if (run == 0)
            {
                continue; // "4111  1111  1111  1111": a doubled space (pasted, OCR) is one separator
            }

            separator = c;
            groups.Add(run);
            run = 0;
        }

        groups.Add(run);
        var number = digits[..n];
        if (n < 13 || !HasCardGrouping(groups) || !Luhn.IsValid(number) || !CardIssuers.Matches(number))
        {
            return false;
        }

        return !TextContext.FollowsIdentifierLabel(text, start) || TextContext.HasCardCue(text, start);
    }

    private static bool HasCardGrouping(List<int> groups)
    {
        if (groups.Count == 1)
        {
            return true;
        }

        if (groups.Count == 3 && groups[0] == 4 && groups[1] == 6 && groups[2] is 4 or 5)
        {
            return true; // American Express and Diners Club
        }

        for (var i = 0; i < groups.Count - 1; i++)
        {
            if (groups[i] != 4)
            {
                return false;
            }
        }

        return groups[^1] is >= 1 and <= 4;
    }

    [GeneratedRegex(@"(?<![\w\-.,/$€£¥+])\d(?:(?:[ \-]| {2})?\d){12,18}(?![\w/$€%]|[.,]\d|[ \-] ?\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}

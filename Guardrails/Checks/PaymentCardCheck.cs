using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Payment card numbers, redacted to <c>[CARD]</c>: 13 to 19 digits, plainly or consistently grouped
/// (4-4-4-4, 4-6-5) with one separator throughout (space, hyphen, dot, slash, underscore, or a hyphen or dot
/// between spaces), with a known issuer range for that length and a valid Luhn check digit. Runs after a
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
        var gapStart = -1;
        ReadOnlySpan<char> separator = default;
        for (var i = 0; i <= value.Length; i++)
        {
            if (i < value.Length && !char.IsAsciiDigit(value[i]))
            {
                gapStart = gapStart < 0 ? i : gapStart;
                continue;
            }

            if (gapStart >= 0)
            {
                // Every gap is the same separator ("4111.1111.1111.1111", "4111 - 1111 - ..."); a doubled space
                // (pasted, OCR) counts as one: "4111  1111  1111  1111".
                var gap = value[gapStart..i];
                gap = gap.ContainsAnyExcept(' ') ? gap : " ";
                if (!separator.IsEmpty && !gap.SequenceEqual(separator))
                {
                    return false;
                }

                separator = gap;
                groups.Add(run);
                run = 0;
                gapStart = -1;
            }

            if (i == value.Length)
            {
                break;
            }

            if (n == 19)
            {
                return false;
            }

            digits[n++] = value[i];
            run++;
        }

        groups.Add(run);
        var number = digits[..n];
        if (n < 13 || !HasCardGrouping(groups) || !Luhn.IsValid(number) || !CardIssuers.Matches(number))
        {
            return false;
        }

        // Dotted runs after a version word are versions ("build 4111.1111.1111.1111"), whatever their digits.
        if (separator.Contains('.') && TextContext.HasVersionCue(text, start))
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

    // Separators: a space (or two), a hyphen, a dot, a slash or an underscore, or a hyphen or dot between spaces.
    [GeneratedRegex(@"(?<![\w\-.,/$€£¥+])\d(?:(?:[ \-./_]| {2}| [\-.] )?\d){12,18}(?![\w/$€%]|[.,]\d|[ \-] ?\d| [\-.] \d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}

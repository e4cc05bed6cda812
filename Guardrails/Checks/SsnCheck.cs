using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>US Social Security numbers, redacted to <c>[SSN]</c>: <c>AAA-GG-SSSS</c> outside the ranges the SSA
/// never issues (area 000, 666, 900-999; group 00; serial 0000) and, unless an SSN word precedes them, the numbers
/// published in advertising.
/// Space-separated and bare nine-digit forms count only after an SSN word.</summary>
internal sealed partial class SsnCheck : IGuardrailCheck
{
    public const string Rule = "pii.ssn";

    private static readonly HashSet<string> Published = ["078051120", "219099999", "457555462", "123456789"];

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 64;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            if (IsSsn(text, match.Index, match.Length))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Ssn);
            }
        }
    }

    private static bool IsSsn(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        Span<char> digits = stackalloc char[9];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[n++] = c;
            }
        }

        var cue = TextContext.HasSsnCue(text, start);
        if (start > 0 && text[start - 1] == '#' && !cue)
        {
            return false; // "#123-45-6789" is a reference; "SSN#123-45-6789" is not
        }

        var dashed = value.Contains('-');
        if (!dashed && !cue)
        {
            return false;
        }

        if (!cue && TextContext.FollowsIdentifierLabel(text, start))
        {
            return false;
        }

        var area = digits[..3];
        var group = digits.Slice(3, 2);
        var serial = digits[5..];
        if (area is "000" or "666" || area[0] == '9' || group is "00" || serial is "0000")
        {
            return false;
        }

        // A number published in advertising is a documentation example on its own, but after an SSN word it is
        // someone's stated number (and the one people type when they try the gateway): redacted like any other.
        return cue || !Published.Contains(digits.ToString());
    }

    [GeneratedRegex(@"(?<![\w\-/.+$])(?:\d{3}-\d{2}-\d{4}|\d{3} \d{2} \d{4}|\d{9})(?![\w\-/]|[.,]\d)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}

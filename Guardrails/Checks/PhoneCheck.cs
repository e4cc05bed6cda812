using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Phone numbers, redacted to <c>[PHONE]</c>: international (<c>+CC</c> or <c>00CC</c> with a real country
/// code), North American (<c>(212) 555-0143</c>, <c>212.555.0143</c>), and trunk-prefixed national numbers
/// (<c>020 7946 0958</c>, <c>06 12 34 56 78</c>), and Brazilian numbers without +55 (<c>(11) 98765-4321</c>). Bare digit runs and short local numbers count only after a
/// phone word ("call", "mobile", "Telefon", "portable"); dates, versions, IPs, order references and card-like runs
/// never do. An area code set off by a slash ("Tel. 030/1234567") counts behind a phone word.</summary>
internal sealed partial class PhoneCheck : IGuardrailCheck
{
    public const string Rule = "pii.phone";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 72;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (System.Text.RegularExpressions.Match match in Candidate().Matches(text))
        {
            if (IsPhone(text, match.Index, match.Length))
            {
                yield return new Detection(Rule, match.Index, match.Length, Placeholders.Phone);
            }
        }
    }

    private static bool IsPhone(string text, int start, int length)
    {
        var value = text.AsSpan(start, length);
        var international = value[0] == '+' || value.StartsWith("00");

        // Every phone shape below needs at least 7 digits (an international one 8 after its prefix): a shorter run
        // ("topic 221", "17") is settled here, before the context patterns are read.
        if (CountDigits(value) < (international ? (value[0] == '+' ? 8 : 10) : 7))
        {
            return false;
        }

        if (TextContext.FollowsIdentifierLabel(text, start))
        {
            return false;
        }

        // Right after a colon only behind a phone word ("tel:+1-415-555-0132", "mobile:07700 900123"); elsewhere a
        // colon joins times, ratios and IPv6 groups.
        if (start > 0 && text[start - 1] == ':' && !TextContext.HasPhoneCue(text, start))
        {
            return false;
        }

        var groups = new List<int>(8);
        var separators = new HashSet<char>();
        var slashes = 0;
        var slashAfterGroup = 0;
        var digits = new System.Text.StringBuilder(20);
        var run = 0;
        var hasParens = false;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
                run++;
                continue;
            }

            if (run > 0)
            {
                groups.Add(run);
                run = 0;
            }

            if (c is '(' or ')')
            {
                hasParens = true;
            }
            else if (c == '/')
            {
                slashes++;
                slashAfterGroup = groups.Count;
            }
            else if (c is ' ' or '-' or '.')
            {
                separators.Add(c);
            }
        }

        if (run > 0)
        {
            groups.Add(run);
        }

        var n = digits.Length;
        var all = digits.ToString();
        if (separators.Count > 1 && !(separators.Count == 2 && separators.Contains(' ') && !separators.Contains('.')))
        {
            return false; // "555.123-4567" style mixes are dates, ranges or versions
        }

        if (LooksLikeDate(value) || AllSame(all))
        {
            return false;
        }

        var cue = TextContext.HasPhoneCue(text, start);

        // "Tel. 030/1234567", "Handy 0171 / 123 456 78": a trunk-prefixed area code, one slash, then the number (the
        // German way of writing it), only behind a phone word: elsewhere a slash joins fractions, paths and references.
        if (slashes > 0)
        {
            return slashes == 1 && slashAfterGroup == 1 && cue && !international && !hasParens && !separators.Contains('.')
                && all[0] == '0' && all[1] != '0' && groups[0] is >= 2 and <= 5 && n is >= 8 and <= 12;
        }

        if (international)
        {
            var national = value[0] == '+' ? all : all[2..];
            var firstGroup = value[0] == '+' ? groups[0]
                : groups[0] > 2 ? groups[0] - 2
                : groups.Count > 1 ? groups[1] : 0;
            return national.Length is >= 8 and <= 15 && CountryCodes.IsPlausible(national, firstGroup);
        }

        if (separators.Contains('.') && groups.Count == 4 && groups.TrueForAll(g => g <= 3))
        {
            return false; // an IPv4 address or a four-part version
        }

        if (IsNorthAmerican(all, groups, hasParens))
        {
            return true;
        }

        if (IsTrunkNational(all, groups) || IsBrazilian(value, all, groups, hasParens))
        {
            return true;
        }

        if (!cue)
        {
            return false;
        }

        // After a phone word: bare runs and short local numbers.
        if (groups.Count == 1)
        {
            return n is >= 7 and <= 12;
        }

        return n is >= 7 and <= 13 && groups.TrueForAll(g => g >= 2) && !separators.Contains('.');
    }

    private static bool IsNorthAmerican(string digits, List<int> groups, bool hasParens)
    {
        var national = digits;
        var shape = groups;
        if (digits.Length == 11 && digits[0] == '1' && groups.Count == 4 && groups[0] == 1)
        {
            national = digits[1..];
            shape = groups.GetRange(1, 3);
        }

        return national.Length == 10 && shape.Count == 3 && shape[0] == 3 && shape[1] == 3 && shape[2] == 4
            && national[0] is >= '2' and <= '9' && national[3] is >= '2' and <= '9'
            && (hasParens || national[1..3] != "11");
    }

    /// <summary>Brazilian numbers written without +55: a two-digit area code (DDD) in parentheses, then a mobile
    /// number (nine digits opening with 9, <c>(11) 98765-4321</c>) or a landline (eight opening with 2-5,
    /// <c>(21) 2345-6789</c>); a mobile also as <c>11 98765-4321</c>, the way it is written without parentheses.
    /// Area codes hold no 0 and not every pair is one; a landline shape made of two years ("(12) 2019-2020") is not.</summary>
    private static bool IsBrazilian(ReadOnlySpan<char> value, string digits, List<int> groups, bool hasParens)
    {
        if (groups.Count != 3 || groups[0] != 2 || groups[2] != 4 || !IsBrazilianAreaCode(digits[0], digits[1]))
        {
            return false;
        }

        var mobile = groups[1] == 5 && digits[2] == '9';
        if (hasParens)
        {
            if (value[0] != '(' || value[3] != ')')
            {
                return false;
            }

            var landline = groups[1] == 4 && digits[2] is >= '2' and <= '5' && !(IsYear(digits.AsSpan(2, 4)) && IsYear(digits.AsSpan(6, 4)));
            return mobile || landline;
        }

        // "11 98765-4321": one space after the area code, a dash before the last four digits.
        return mobile && value.Length == 13 && value[2] == ' ' && value[8] == '-';
    }

    private static bool IsBrazilianAreaCode(char first, char second) => (first, second) switch
    {
        ('1', >= '1' and <= '9') => true,
        ('2', '1' or '2' or '4' or '7' or '8') => true,
        ('3', >= '1' and <= '5' or '7' or '8') => true,
        ('4', >= '1' and <= '9') => true,
        ('5', '1' or '3' or '4' or '5') => true,
        ('6', >= '1' and <= '9') => true,
        ('7', '1' or '3' or '4' or '5' or '7' or '9') => true,
        ('8', >= '1' and <= '9') => true,
        ('9', >= '1' and <= '9') => true,
        _ => false,
    };

    private static bool IsYear(ReadOnlySpan<char> digits) => digits.StartsWith("19") || digits.StartsWith("20");

    private static bool IsTrunkNational(string digits, List<int> groups) =>
        digits.Length is >= 9 and <= 11 && digits[0] == '0' && digits[1] != '0'
        && groups.Count is >= 2 and <= 5 && groups[0] is >= 2 and <= 5
        && groups.TrueForAll(g => g is >= 2 and <= 8);

    private static int CountDigits(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static bool LooksLikeDate(ReadOnlySpan<char> value) => DateShape().IsMatch(value);

    private static bool AllSame(string digits) => digits.Length > 0 && digits.AsSpan().IndexOfAnyExcept(digits[0]) < 0;

    [GeneratedRegex(@"(?<![\w+#/\-.@$€£¥,]|\d:)(?:(?:\+|00)\d{1,3}[ \-.]{0,2})?(?:\(\d{1,5}\)[ \-.]{0,2})?\d{1,12}(?: ?/ ?\d{1,12})?(?:[ \-.]{1,2}\d{1,12}){0,6}(?![\w/@%€$£¥:]|[.,\-]\d|\.[A-Za-z])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();

    [GeneratedRegex(@"^(?:\d{4}[./\-]\d{1,2}[./\-]\d{1,2}|\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2}))$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex DateShape();
}

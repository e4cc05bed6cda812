using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>National identity, tax and travel document numbers outside the US and the NHS, redacted to <c>[ID]</c>
/// (rule <c>pii.national_id</c>): UK National Insurance numbers (<c>QQ 12 34 56 C</c>), Canadian Social Insurance
/// Numbers (nine digits passing Luhn), Indian Aadhaar numbers (twelve digits, not opening with 0 or 1) and PAN
/// (<c>ABCPE1234F</c>), German tax ids (Steuer-ID: eleven digits passing ISO 7064 mod 11,10) and passport numbers.
/// Every one of these shapes is also an order number's, a phone number's or a product code's, so each counts only
/// after the word that names it within the line ("National Insurance number:", "SIN", "Aadhaar", "PAN",
/// "Steuer-ID", "passport no."); only the spaced National Insurance form with a prefix HMRC issues
/// (<c>AB 12 34 56 C</c>) stands alone. A number found here is not also reported as a phone number.</summary>
internal sealed partial class NationalIdCheck : IGuardrailCheck
{
    public const string Rule = "pii.national_id";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 64;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        var found = new List<Detection>();
        foreach (Match match in NationalInsurance().Matches(text))
        {
            if (IsNationalInsurance(text, match))
            {
                found.Add(Found(match.Index, match.Length));
            }
        }

        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return found;
        }

        foreach (Match match in NineDigits().Matches(text))
        {
            if (Cue(SinCue(), text, match.Index) && HasLuhnDigits(match.ValueSpan))
            {
                found.Add(Found(match.Index, match.Length));
            }
        }

        foreach (Match match in Aadhaar().Matches(text))
        {
            if (Cue(AadhaarCue(), text, match.Index))
            {
                found.Add(Found(match.Index, match.Length));
            }
        }

        foreach (Match match in Pan().Matches(text))
        {
            if (Cue(PanCue(), text, match.Index))
            {
                found.Add(Found(match.Index, match.Length));
            }
        }

        foreach (Match match in SteuerId().Matches(text))
        {
            if (Cue(SteuerIdCue(), text, match.Index) && HasSteuerIdCheckDigit(match.ValueSpan))
            {
                found.Add(Found(match.Index, match.Length));
            }
        }

        foreach (Match match in Passport().Matches(text))
        {
            var value = match.Groups["value"];
            if (value.ValueSpan.ContainsAnyInRange('0', '9') && !found.Exists(d => d.Start <= value.Index && d.End >= value.Index + value.Length))
            {
                found.Add(Found(value.Index, value.Length));
            }
        }

        return found;
    }

    private static Detection Found(int start, int length) => new(Rule, start, length, Placeholders.NationalId);

    private static bool Cue(Regex cue, string text, int start) => cue.IsMatch(TextContext.Before(text, start, 48));

    /// <summary>After a National Insurance word any two letters, six digits and A-D; alone only the spaced form
    /// HMRC prints, in capitals, with a prefix it issues (first letter not D, F, I, Q, U, V; second not D, F, I, O, Q,
    /// U, V; not BG, GB, KN, NK, NT, TN, ZZ).</summary>
    private static bool IsNationalInsurance(string text, Match match)
    {
        if (Cue(NationalInsuranceCue(), text, match.Index))
        {
            return true;
        }

        var value = match.ValueSpan;
        if (value.Length != 13 || value[2] != ' ' || value[5] != ' ' || value[8] != ' ' || value[11] != ' '
            || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]) || !char.IsAsciiLetterUpper(value[12]))
        {
            return false;
        }

        var prefix = value[..2];
        return !"DFIQUV".Contains(prefix[0]) && !"DFIOQUV".Contains(prefix[1])
            && prefix is not ("BG" or "GB" or "KN" or "NK" or "NT" or "TN" or "ZZ");
    }

    private static bool HasLuhnDigits(ReadOnlySpan<char> value)
    {
        var sum = 0;
        var doubled = false;
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                continue;
            }

            var digit = value[i] - '0';
            if (doubled)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>ISO 7064 MOD 11,10 over the first ten digits gives the eleventh.</summary>
    internal static bool HasSteuerIdCheckDigit(ReadOnlySpan<char> value)
    {
        var product = 10;
        var digits = 0;
        var last = -1;
        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                continue;
            }

            if (++digits == 11)
            {
                last = c - '0';
                break;
            }

            var sum = (c - '0' + product) % 10;
            product = (sum == 0 ? 10 : sum) * 2 % 11;
        }

        var check = 11 - product;
        return digits == 11 && (check == 10 ? 0 : check) == last;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[A-Da-d](?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NationalInsurance();

    [GeneratedRegex(@"(?<![\w\-/.+$])(?:[0-9]{3} [0-9]{3} [0-9]{3}|[0-9]{3}-[0-9]{3}-[0-9]{3}|[0-9]{9})(?![\w\-/]|[.,][0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"(?<![\w\-/.+$])[2-9][0-9]{3}(?: [0-9]{4} [0-9]{4}|-[0-9]{4}-[0-9]{4}|[0-9]{8})(?![\w\-/]|[.,][0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Aadhaar();

    // The fourth letter names the holder (P person, C company, H family, F firm, A association, T trust, B body, L
    // authority, J juridical person, G government).
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z](?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pan();

    [GeneratedRegex(@"(?<![\w\-/.+$])[0-9][0-9](?: [0-9]{3} [0-9]{3} [0-9]{3}|[0-9]{9})(?![\w\-/]|[.,][0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SteuerId();

    // "Passport number: X12345678", "passport no. L898902C3", "my passport # is 123456789", "Reisepass-Nr. C01X00T47":
    // the word, a number word or sign, then six to nine capitals and digits (at least one digit).
    [GeneratedRegex(@"(?i)(?<![A-Za-z])(?:passport|passeport|pasaporte|passaporto|reisepass|paspoort)(?:[ \-]?(?:number|no\.?|nr\.?|num\.?|nummer|numéro|número|numero|n°|#|id))?(?:[ \t]*[:#=][ \t]*|[ \t]+(?:is|was|ist|est|es|è|é)[ \t]*:?[ \t]*|[ \t]+)(?<value>(?-i:[A-Z0-9]{6,9}))(?![A-Za-z0-9\-])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Passport();

    [GeneratedRegex(@"(?i)\b(?:national\s+insurance|nat\.?\s*ins\.?|ni\s*(?:number|no\b|#)|nino)\b[^\n0-9]{0,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex NationalInsuranceCue();

    [GeneratedRegex(@"(?i)(?:\b(?:social\s+insurance|sin)\b|num[ée]ro\s+d['’]assurance\s+sociale)[^\n0-9]{0,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex SinCue();

    [GeneratedRegex(@"(?i)\b(?:aadhaar|aadhar|adhaar|uidai)\b[^\n0-9]{0,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex AadhaarCue();

    [GeneratedRegex(@"(?i)\b(?:pan|permanent\s+account\s+number)\b[^\n0-9]{0,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PanCue();

    [GeneratedRegex(@"(?i)(?:\bsteuer[\-\s]?id\b|\bsteuer[\-\s]?identifikationsnummer|\bsteueridentifikationsnummer|\bidnr\b|\bsteuernummer\b|\btax\s+id(?:entification)?\b|\btin\b)[^\n0-9]{0,32}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex SteuerIdCue();
}

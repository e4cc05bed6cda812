using System.Text.RegularExpressions;

namespace Guardrails.Checks;

/// <summary>Dates of birth, redacted to <c>[DOB]</c> (rule <c>pii.date_of_birth</c>): a full date (with its year) right
/// after a birth word ("DOB: 1985-03-14", "Date of birth: 14/03/1985", "born on March 14, 1985", "Geburtsdatum:
/// 14.03.1985", "né le 14/03/1985"). A date alone is a timestamp, a deadline or a release date; only the birth word
/// makes it personal data, and a year alone ("born in 1985") identifies nobody.</summary>
internal sealed partial class DateOfBirthCheck : IGuardrailCheck
{
    public const string Rule = "pii.date_of_birth";

    public string Family => RuleFamilies.Pii;

    public int StreamWindow => 64;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (!text.AsSpan().ContainsAnyInRange('0', '9'))
        {
            yield break;
        }

        foreach (Match match in BirthDate().Matches(text))
        {
            var date = match.Groups["date"];
            if (IsPlausible(match))
            {
                yield return new Detection(Rule, date.Index, date.Length, Placeholders.DateOfBirth);
            }
        }
    }

    /// <summary>Numeric dates must name a real day and month in one of the two orders (1985-03-14, 14/03/1985, 03/14/1985).</summary>
    private static bool IsPlausible(Match match)
    {
        if (!match.Groups["a"].Success)
        {
            return true; // a month written as a word
        }

        // The pattern takes ASCII digits only ([0-9], not \d, which also matches other scripts' digits that int.Parse
        // refuses); TryParse all the same, so no input can make a check throw.
        if (!int.TryParse(match.Groups["a"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a) ||
            !int.TryParse(match.Groups["b"].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b))
        {
            return false;
        }
        if (match.Groups["iso"].Success)
        {
            return a is >= 1 and <= 12 && b is >= 1 and <= 31;
        }

        return (a is >= 1 and <= 31 && b is >= 1 and <= 12) || (a is >= 1 and <= 12 && b is >= 1 and <= 31);
    }

    private const string Months = @"(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|m[aä]r(?:ch|z)?|apr(?:il)?|ma[iy]|june?|juni|july?|juli|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|de[cz](?:ember)?|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\.?";

    // A birth word in English, German, French, Spanish, Italian or Portuguese, a separator, then the date: ISO
    // (1985-03-14), day and month with dots, slashes or dashes and a year (14.03.1985, 03/14/85), or a month word
    // ("March 14, 1985", "14th of March 1985", "14. März 1985", "14 mars 1985", "14 de marzo de 1985").
    [GeneratedRegex(@"(?i)(?<![A-Za-z])(?:date\s+of\s+birth|birth\s*date|birthday|d\.?o\.?b\.?|born(?:\s+on)?|geburtsdatum|geburtstag|geboren(?:\s+am)?|date\s+de\s+naissance|n[ée]e?\s+le|fecha\s+de\s+nacimiento|nacid[oa]\s+el|data\s+di\s+nascita|nat[oa]\s+il|data\s+de\s+nascimento|nascid[oa]\s+em)(?![A-Za-z])[ \t]{0,3}(?:[:=\-][ \t]{0,3}|(?:is|was|ist|est|es|è|é)[ \t]{1,3})?(?<date>(?<iso>(?:19|20)[0-9]{2}-(?<a>[0-9]{1,2})-(?<b>[0-9]{1,2}))|(?<a>[0-9]{1,2})(?<sep>[./\-])(?<b>[0-9]{1,2})\k<sep>(?:(?:19|20)[0-9]{2}|[0-9]{2})|(?:" + Months + @"[ \t]{1,3}[0-9]{1,2}(?:st|nd|rd|th)?,?[ \t]{1,3}(?:19|20)[0-9]{2}|[0-9]{1,2}(?:st|nd|rd|th|\.)?[ \t]{1,3}(?:of[ \t]{1,3}|de[ \t]{1,3})?" + Months + @",?[ \t]{1,3}(?:de[ \t]{1,3})?(?:19|20)[0-9]{2}))(?![\w/.\-][0-9]|[0-9])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BirthDate();
}

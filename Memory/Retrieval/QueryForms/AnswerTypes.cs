using System.Text.RegularExpressions;

namespace Memory.Retrieval.QueryForms;

/// <summary>Answer-type matching, the classic question-answering prior (a "When" question is answered by a text that
/// holds a time): the type a question's form asks for, and whether a memory's text holds something of that type.
/// English surface patterns only; a question of no recognised form gets <see cref="AnswerType.None"/>.</summary>
internal static partial class AnswerTypes
{
    /// <summary>The answer type <paramref name="query"/> asks for, from its opening words (or a closing "called?"
    /// / "named?").</summary>
    public static AnswerType Expected(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return AnswerType.None;
        }

        var text = query.Trim();
        if (TimeQuestion().IsMatch(text))
        {
            return AnswerType.Time;
        }

        if (QuantityQuestion().IsMatch(text))
        {
            return AnswerType.Quantity;
        }

        if (NameQuestion().IsMatch(text) || CalledQuestion().IsMatch(text))
        {
            return AnswerType.Name;
        }

        return PlaceQuestion().IsMatch(text) ? AnswerType.Place : AnswerType.None;
    }

    /// <summary>Whether <paramref name="text"/> holds an answer of <paramref name="type"/>: a date, weekday, month, clock
    /// time, part of the day, season or frequency word for <see cref="AnswerType.Time"/>; a number (digits, number words,
    /// ordinals) or a time for <see cref="AnswerType.Quantity"/>; a capitalised word past the first (a name) for
    /// <see cref="AnswerType.Name"/> and <see cref="AnswerType.Place"/>.</summary>
    public static bool Holds(string text, AnswerType type) => type switch
    {
        AnswerType.Time => TimeExpression().IsMatch(text),
        AnswerType.Quantity => Number().IsMatch(text) || TimeExpression().IsMatch(text),
        AnswerType.Name or AnswerType.Place => HasProperName(text),
        _ => false,
    };

    /// <summary>The answer types <paramref name="text"/> holds, one bit per <see cref="AnswerType"/> (bit
    /// <c>1 &lt;&lt; (int)type</c>), so a memory is read once however many questions meet it.</summary>
    public static int Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mask = 0;
        if (TimeExpression().IsMatch(text))
        {
            mask |= (1 << (int)AnswerType.Time) | (1 << (int)AnswerType.Quantity);
        }
        else if (Number().IsMatch(text))
        {
            mask |= 1 << (int)AnswerType.Quantity;
        }

        if (HasProperName(text))
        {
            mask |= (1 << (int)AnswerType.Name) | (1 << (int)AnswerType.Place);
        }

        return mask;
    }

    private static bool HasProperName(string text)
    {
        var first = true;
        foreach (Match word in Word().Matches(text))
        {
            if (!first && char.IsUpper(word.Value[0]) && !Pronoun().IsMatch(word.Value))
            {
                return true;
            }

            first = false;
        }

        return false;
    }

    [GeneratedRegex(@"^(when|what time|what date|on what date|at what time|what (day|month|year|season)|which (day|days|month|year|date|night|evening|morning|weekday|season|time)|how often|how long ago)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeQuestion();

    [GeneratedRegex(@"^how (many|much|old|tall|long|far|big|heavy)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuantityQuestion();

    [GeneratedRegex(@"^(who|whom|whose)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NameQuestion();

    [GeneratedRegex(@"\b(called|named)\s*\?*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalledQuestion();

    [GeneratedRegex(@"^where\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceQuestion();

    [GeneratedRegex(@"\b((mon|tues|wednes|thurs|fri|satur|sun|week)days?|weekends?|january|february|march|april|may|june|july|august|september|october|november|december|mornings?|afternoons?|evenings?|nights?|midnight|noon|daily|weekly|monthly|yearly|annually|fortnightly|tonight|today|tomorrow|yesterday|christmas|easter|birthdays?|anniversary|summers?|winters?|springs?|autumns?|weeks?|months?|years?|decades?|hours?|minutes?|dawn|dusk|sunrise|sunset|bedtime|lunchtime|o'clock|\d{1,2}(:\d{2})?\s?(am|pm)|\d{1,2}[:.]\d{2}|(19|20)\d\d|\d{1,2}(st|nd|rd|th))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimeExpression();

    [GeneratedRegex(@"\b(\d+([.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|twice|half|twins?|triplets)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"[\p{L}][\p{L}\p{N}'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"^I(['’](m|ve|d|ll))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pronoun();
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>Splits a fact into words and classifies each one (<see cref="TokenClass"/>). Words are runs of
/// letters and digits (apostrophes dropped, so "don't" is "dont"); a number keeps its sign, its decimal point or
/// comma, its time colon and the dashes and slashes between its digit groups ("-18", "3.5", "1,5", "12:30",
/// "2024-03-05", "03/05/2024"); a word keeps the signs written right after it ("A+", "A-", "C++", "C#");
/// currency, percent and degree signs are words of their own; in scripts written without spaces (Chinese,
/// Japanese, Thai...) every character is a word. Capitalised words that are not stop words are proper names,
/// wherever they stand.</summary>
internal static partial class FactTokenizer
{
    private readonly record struct RawWord(string Text, bool Numeric);

    public static List<FactToken> Tokenize(string text)
    {
        var raw = Split(text);
        var tokens = new List<FactToken>(raw.Count + 2);
        for (var i = 0; i < raw.Count; i++)
        {
            if (IsHanNumeral(raw[i].Text))
            {
                i = HanNumber(raw, i, tokens);
                continue;
            }

            if (raw[i].Text.Equals("minus", StringComparison.OrdinalIgnoreCase) && i + 1 < raw.Count && raw[i + 1].Numeric &&
                char.IsAsciiDigit(raw[i + 1].Text[0]))
            {
                // "minus 18 degrees" is "-18 degrees".
                raw[i + 1] = raw[i + 1] with { Text = "-" + raw[i + 1].Text };
                continue;
            }

            var previousNumeric = i > 0 && raw[i - 1].Numeric;
            if (previousNumeric && tokens.Count > 0 && ClockTime(tokens[^1], raw[i].Text.ToLowerInvariant()) is { } clock)
            {
                // "7 am", "7:30 pm", "6.30 am", "7 o'clock": the hour and its half of the day are one time.
                tokens[^1] = clock;
                continue;
            }

            var nextNumeric = i + 1 < raw.Count && raw[i + 1].Numeric;
            Classify(raw[i].Text, previousNumeric, nextNumeric, tokens);
        }

        return ComposeNumbers(tokens);
    }

    /// <summary>An hour followed by "am", "pm" or "o'clock" as one time ("07:00", "19:30"), or null.</summary>
    private static FactToken? ClockTime(FactToken hour, string word)
    {
        if (word is not ("am" or "pm" or "oclock"))
        {
            return null;
        }

        var match = hour.Class is TokenClass.Number or TokenClass.Time ? HourAndMinutes().Match(hour.Lower) : Match.Empty;
        return match.Success && Clock(match.Groups[1].Value, match.Groups[2].Value, word == "oclock" ? string.Empty : word) is { } value
            ? new FactToken(hour.Lower + " " + word, TokenClass.Time, value)
            : null;
    }

    /// <summary>A clock time as "HH:MM" on the 24-hour clock: the hour of "7am" is 07, of "7pm" 19, of "12am" 00; an hour
    /// written without am or pm is read as written ("07:00", "7:00" and "7am" are one time; "19:00" is "7pm"). Null for
    /// what is no time of day.</summary>
    private static string? Clock(string hours, string minutes, string half)
    {
        var hour = int.Parse(hours, CultureInfo.InvariantCulture);
        var minute = minutes.Length == 0 ? 0 : int.Parse(minutes, CultureInfo.InvariantCulture);
        if (minute > 59 || hour > 24 || (half.Length > 0 && hour is 0 or > 12))
        {
            return null;
        }

        hour = half switch
        {
            "am" => hour % 12,
            "pm" => hour % 12 + 12,
            _ => hour,
        };
        return string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");
    }

    /// <summary>Numbers written in words as one number ("twenty-five" is 25, "ninety two" 92) and a number times the
    /// word that multiplies it ("40 thousand" is 40000, "1.5 million" 1500000).</summary>
    private static List<FactToken> ComposeNumbers(List<FactToken> tokens)
    {
        var i = 0;
        while (i < tokens.Count - 1)
        {
            var (a, b) = (tokens[i], tokens[i + 1]);
            if (a.Class == TokenClass.Number && b.Class == TokenClass.Number && IsWordNumber(b) &&
                decimal.TryParse(a.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var left) &&
                decimal.TryParse(b.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var right) &&
                (IsWordNumber(a) && left is >= 20 and <= 90 && left % 10 == 0 && right is >= 1 and <= 9 ? left + right
                    : b.Lower is "hundred" or "thousand" or "million" or "billion" && left > 0 && left < right ? left * right
                    : (decimal?)null) is { } composed)
            {
                tokens[i] = new FactToken(a.Lower + " " + b.Lower, TokenClass.Number, Plain(composed));
                tokens.RemoveAt(i + 1);
                continue;
            }

            i++;
        }

        return tokens;
    }

    private static bool IsWordNumber(FactToken token) => !token.Lower.Any(char.IsAsciiDigit);

    /// <summary>A number as <see cref="NumberValue"/> writes one: no trailing zeros after a point ("1.5 million" is
    /// 1500000, not 1500000.0).</summary>
    private static string Plain(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    private static void Classify(string word, bool previousNumeric, bool nextNumeric, List<FactToken> tokens)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Contains('@', StringComparison.Ordinal) || lower[0] == '[')
        {
            // An e-mail address or a redaction placeholder: a value compared whole, like a code.
            tokens.Add(new FactToken(lower, TokenClass.Number, lower));
            return;
        }

        if (lower.Any(char.IsAsciiDigit))
        {
            ClassifyNumeric(lower, tokens);
            return;
        }

        lower = DedupLexicon.Spelling(lower);

        if (lower[^1] is '+' or '-' or '#')
        {
            // A grade, a blood group, a language ("A+", "AB-", "C++", "C#"): a value the sign belongs to.
            tokens.Add(new FactToken(lower, TokenClass.Number, lower));
            return;
        }

        if (DedupLexicon.NumberWords.TryGetValue(lower, out var number))
        {
            tokens.Add(new FactToken(lower, TokenClass.Number, number));
        }
        else if (DedupLexicon.Times.TryGetValue(lower, out var time) && (lower is not ("am" or "pm") || previousNumeric))
        {
            tokens.Add(new FactToken(lower, TokenClass.Time, time));
        }
        else if (DedupLexicon.Months.TryGetValue(lower, out var month) && (char.IsUpper(word[0]) || previousNumeric || nextNumeric))
        {
            tokens.Add(new FactToken(lower, TokenClass.Date, month));
        }
        else if (DedupLexicon.Days.TryGetValue(lower, out var day))
        {
            tokens.Add(new FactToken(lower, TokenClass.Date, day));
        }
        else if (previousNumeric && DedupLexicon.ShortUnits.TryGetValue(lower, out var shortUnit))
        {
            tokens.Add(new FactToken(lower, TokenClass.Unit, shortUnit));
        }
        else if (DedupLexicon.Units.TryGetValue(lower, out var unit) && (previousNumeric || !DedupLexicon.UnitsAfterNumberOnly.Contains(lower)))
        {
            tokens.Add(new FactToken(lower, TokenClass.Unit, unit));
        }
        else if (DedupLexicon.Negations.Contains(lower))
        {
            tokens.Add(new FactToken(lower, TokenClass.Negation, "not"));
        }
        else if (DedupLexicon.Kinds.TryGetValue(lower, out var kind))
        {
            tokens.Add(new FactToken(lower, TokenClass.Kind, kind));
        }
        else if (char.IsUpper(word[0]) && lower.Length > 1 && !EnglishStopWords.Contains(lower))
        {
            tokens.Add(new FactToken(lower, TokenClass.Name, lower));
        }
        else
        {
            tokens.Add(new FactToken(lower, TokenClass.Word, null));
        }
    }

    /// <summary>"4417", "3.5", "1,000" are numbers; "12:30" a time; "10am" a number and a time; "5km" a number and
    /// a unit; "3rd" the number 3; "aa123" or "b12" a code, kept whole.</summary>
    private static void ClassifyNumeric(string lower, List<FactToken> tokens)
    {
        if (lower[0] == '-' && lower.Length > 1 && char.IsAsciiDigit(lower[1]))
        {
            // A negative number ("-18 degrees"): the value with its sign, a unit after it read as for any number.
            var first = tokens.Count;
            ClassifyNumeric(lower[1..], tokens);
            tokens[first] = tokens[first] with { Lower = "-" + tokens[first].Lower, Value = "-" + tokens[first].Value };
            return;
        }

        if (lower.IndexOfAny(['-', '/']) > 0)
        {
            // A date is kept whole, so that the order of its parts counts ("2024-03-05" is not "2024-05-03"); a range,
            // a span of times or a phone number is its parts ("5-10 km" reads as "5 to 10 km").
            if (DateShape().IsMatch(lower))
            {
                tokens.Add(new FactToken(lower, TokenClass.Number, lower));
                return;
            }

            foreach (var part in lower.Split(['-', '/'], StringSplitOptions.RemoveEmptyEntries))
            {
                ClassifyNumeric(part, tokens);
            }

            return;
        }

        if (lower.Contains(':', StringComparison.Ordinal))
        {
            var clock = ClockShape().Match(lower);
            var time = clock.Success ? Clock(clock.Groups[1].Value, clock.Groups[2].Value, clock.Groups[3].Value) : null;
            tokens.Add(new FactToken(lower, TokenClass.Time, time ?? lower));
            return;
        }

        var digits = 0;
        while (digits < lower.Length && (char.IsAsciiDigit(lower[digits]) || lower[digits] is '.' or ','))
        {
            digits++;
        }

        var value = NumberValue(lower[..digits]);
        var suffix = lower[digits..];
        if (digits == 0 || suffix.Any(char.IsAsciiDigit))
        {
            tokens.Add(new FactToken(lower, TokenClass.Number, lower));
            return;
        }

        if (suffix is "am" or "pm" && HourAndMinutes().Match(lower[..digits]) is { Success: true } hour &&
            Clock(hour.Groups[1].Value, hour.Groups[2].Value, suffix) is { } clockTime)
        {
            // "7am", "6.30pm": one time of day.
            tokens.Add(new FactToken(lower, TokenClass.Time, clockTime));
            return;
        }

        if (suffix == "k" && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var thousands))
        {
            // "£40k" is "£40,000".
            tokens.Add(new FactToken(lower, TokenClass.Number, Plain(thousands * 1000)));
            return;
        }

        tokens.Add(new FactToken(lower, TokenClass.Number, value));
        if (suffix.Length == 0 || suffix is "st" or "nd" or "rd" or "th" or "s")
        {
            return;
        }

        if (suffix is "am" or "pm")
        {
            tokens.Add(new FactToken(suffix, TokenClass.Time, suffix));
        }
        else if (DedupLexicon.Units.TryGetValue(suffix, out var unit) || DedupLexicon.ShortUnits.TryGetValue(suffix, out unit))
        {
            tokens.Add(new FactToken(suffix, TokenClass.Unit, unit));
        }
        else
        {
            // An unknown suffix: a code such as "12b" or "4x"; the whole token tells it apart.
            tokens[^1] = new FactToken(lower, TokenClass.Number, lower);
        }
    }

    /// <summary>The value of digits with points and commas: commas that group thousands ("1,500", "12,000,000")
    /// are dropped; a single comma elsewhere is a decimal comma ("1,5" is 1.5, never 15); anything else (several
    /// points, "1.2.3") stays as written. Trailing zeros after a decimal point do not count ("1.50" is 1.5).</summary>
    private static string NumberValue(string digits)
    {
        var value = digits;
        if (value.Contains(',', StringComparison.Ordinal))
        {
            value = ThousandsGrouping().IsMatch(value) ? value.Replace(",", string.Empty, StringComparison.Ordinal)
                : value.Count(c => c == ',') == 1 && !value.Contains('.', StringComparison.Ordinal) ? value.Replace(',', '.')
                : value;
        }

        return value.Count(c => c == '.') == 1 && !value.Contains(',', StringComparison.Ordinal) ? value.TrimEnd('0').TrimEnd('.') : value;
    }

    private static List<RawWord> Split(string text)
    {
        var words = new List<RawWord>();
        var current = new StringBuilder();
        var numeric = false;
        var mayHoldWhole = text.AsSpan().IndexOfAny('@', '[') >= 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnspacedScript(c))
            {
                Flush(words, current, ref numeric);
                words.Add(new RawWord(c.ToString(), false));
                continue;
            }

            if (mayHoldWhole && current.Length == 0 && (i == 0 || !IsAddressCharacter(text[i - 1])) && WholeValue().Match(text, i) is { Success: true } whole)
            {
                // An e-mail address ("ana@example.com") or what a guard left in place of one ("[PHONE]"): one value.
                words.Add(new RawWord(whole.Value, false));
                i += whole.Length - 1;
                continue;
            }

            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                numeric |= char.IsAsciiDigit(c);
                current.Append(c);
                continue;
            }

            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c is '\'' or '’' && current.Length > 0 && char.IsLetter(next))
            {
                // "I'm" is "I am", "we've" is "we have"; other apostrophes close the word up ("don't" is "dont").
                var end = i + 1;
                while (end < text.Length && char.IsLetter(text[end]))
                {
                    end++;
                }

                var contraction = current.ToString().ToLowerInvariant() + " " + text[(i + 1)..end].ToLowerInvariant();
                if (DedupLexicon.SubjectContractions.TryGetValue(contraction, out var verb))
                {
                    Flush(words, current, ref numeric);
                    words.Add(new RawWord(verb, false));
                    i = end - 1;
                }

                continue;
            }

            if (c is '.' or ',' or ':' or '-' or '/' && current.Length > 0 && char.IsAsciiDigit(current[^1]) && char.IsAsciiDigit(next) &&
                current.ToString().All(d => char.IsAsciiDigit(d) || d is '.' or ',' or ':' or '-' or '/'))
            {
                current.Append(c);
                continue;
            }

            if (c is '-' or '−' && current.Length == 0 && char.IsAsciiDigit(next) && (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                // A minus sign before a number ("-18", "−3"), not a dash between words or a range ("5-10").
                current.Append('-');
                continue;
            }

            if (current.Length > 0 && !char.IsLetterOrDigit(next) && next is not '\'' and not '’' and not '-' &&
                (c is '+' or '#' || (c is '-' && IsGrade(current))))
            {
                // Signs written right after a word belong to it: "A+", "AB-", "C++", "C#", "5+".
                current.Append(c);
                if (c is '+' && next is '+')
                {
                    current.Append('+');
                    i++;
                }

                continue;
            }

            Flush(words, current, ref numeric);
            if (c is '$' or '€' or '£' or '¥' or '%' or '°')
            {
                words.Add(new RawWord(c.ToString(), false));
            }
        }

        Flush(words, current, ref numeric);
        return words;
    }

    private static bool IsHanNumeral(string word) => word.Length == 1 && DedupLexicon.HanNumerals.ContainsKey(word[0]);

    /// <summary>A run of Han numerals read as one number ("十二" is 12, "三十五" 35, "两万" 20000). A lone "一" is a
    /// number only before a measure word ("一只猫"): elsewhere it is part of a word ("一直", "一起"). Returns the index
    /// of the run's last word.</summary>
    private static int HanNumber(List<RawWord> raw, int start, List<FactToken> tokens)
    {
        var end = start;
        while (end + 1 < raw.Count && IsHanNumeral(raw[end + 1].Text))
        {
            end++;
        }

        var run = string.Concat(raw.Skip(start).Take(end - start + 1).Select(w => w.Text));
        var measured = end + 1 < raw.Count && DedupLexicon.HanMeasureWords.Contains(raw[end + 1].Text);
        if (run == "一" && !measured)
        {
            tokens.Add(new FactToken(run, TokenClass.Word, null));
            return end;
        }

        long total = 0, section = 0, digit = 0;
        foreach (var c in run)
        {
            var value = long.Parse(DedupLexicon.HanNumerals[c], CultureInfo.InvariantCulture);
            if (value < 10)
            {
                digit = value;
            }
            else if (value < 10000)
            {
                section += (digit == 0 ? 1 : digit) * value;
                digit = 0;
            }
            else
            {
                total += (section + digit == 0 ? 1 : section + digit) * value;
                section = digit = 0;
            }
        }

        tokens.Add(new FactToken(run, TokenClass.Number, (total + section + digit).ToString(CultureInfo.InvariantCulture)));
        return end;
    }

    /// <summary>A word a minus sign may follow as part of its value: a blood group or a grade ("A-", "AB-", "O-").</summary>
    private static bool IsGrade(StringBuilder word) =>
        word.Length <= 2 && (word.ToString().All(char.IsAsciiLetterUpper) || word.ToString() is "a" or "b" or "c" or "d" or "o" or "ab");

    /// <summary>Characters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).</summary>
    public static bool IsUnspacedScript(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or
        >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u0E00' and <= '\u0EFF' or
        >= '\u1780' and <= '\u17FF' or >= '\u1000' and <= '\u109F' or >= '\uFF66' and <= '\uFF9F';

    private static bool IsAddressCharacter(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-' or '@';

    /// <summary>An e-mail address, or a placeholder a guard wrote in place of a value ("[PHONE]", "[EMAIL]").</summary>
    [GeneratedRegex(@"\G(?:[\p{L}\p{N}._%+-]*[\p{L}\p{N}]@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+|\[[A-Z][A-Z_]*\])", RegexOptions.None, 1000)]
    private static partial Regex WholeValue();

    /// <summary>Thousands grouped by commas ("1,500", "12,000,000"), or the Indian lakh and crore grouping
    /// ("1,00,000").</summary>
    [GeneratedRegex(@"^(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3})(?:\.\d+)?$")]
    private static partial Regex ThousandsGrouping();

    /// <summary>A clock time with its colon, and am or pm if written with it ("7:30", "07:30", "7:30pm").</summary>
    [GeneratedRegex(@"^(\d{1,2}):(\d{2})(am|pm)?$", RegexOptions.None, 1000)]
    private static partial Regex ClockShape();

    /// <summary>An hour, with its minutes after a colon or a point ("7", "7:30", "6.30"), that "am" or "pm" may follow.</summary>
    [GeneratedRegex(@"^(\d{1,2})(?:[:.](\d{2}))?$", RegexOptions.None, 1000)]
    private static partial Regex HourAndMinutes();

    /// <summary>Day, month and year in some order ("2024-03-05", "03/05/2024", "5-3-24"), or a year and a month.</summary>
    [GeneratedRegex(@"^(?:\d{1,4}([-/])\d{1,2}\1\d{1,4}|\d{4}[-/]\d{1,2})$")]
    private static partial Regex DateShape();

    private static void Flush(List<RawWord> words, StringBuilder current, ref bool numeric)
    {
        if (current.Length > 0)
        {
            words.Add(new RawWord(current.ToString(), numeric));
            current.Clear();
        }

        numeric = false;
    }
}

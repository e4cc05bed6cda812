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
            var previousNumeric = i > 0 && raw[i - 1].Numeric;
            var nextNumeric = i + 1 < raw.Count && raw[i + 1].Numeric;
            Classify(raw[i].Text, previousNumeric, nextNumeric, tokens);
        }

        return tokens;
    }

    private static void Classify(string word, bool previousNumeric, bool nextNumeric, List<FactToken> tokens)
    {
        var lower = word.ToLowerInvariant();
        if (lower.Any(char.IsAsciiDigit))
        {
            ClassifyNumeric(lower, tokens);
            return;
        }

        if (lower.Length == 1 && DedupLexicon.HanNumerals.TryGetValue(lower[0], out var han))
        {
            tokens.Add(new FactToken(lower, TokenClass.Number, han));
            return;
        }

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
        if (lower.Contains(':', StringComparison.Ordinal))
        {
            tokens.Add(new FactToken(lower, TokenClass.Time, lower));
            return;
        }

        if (lower[0] == '-')
        {
            // A negative number ("-18 degrees"): the value with its sign, a unit after it read as for any number.
            var first = tokens.Count;
            ClassifyNumeric(lower[1..], tokens);
            tokens[first] = new FactToken(lower, TokenClass.Number, "-" + tokens[first].Value);
            return;
        }

        if (lower.IndexOfAny(['-', '/']) > 0)
        {
            // Digit groups joined by dashes or slashes: a date, a range or a phone number, kept whole so that the
            // order of its parts counts ("2024-03-05" is not "2024-05-03").
            tokens.Add(new FactToken(lower, TokenClass.Number, lower));
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
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnspacedScript(c))
            {
                Flush(words, current, ref numeric);
                words.Add(new RawWord(c.ToString(), false));
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

            if (current.Length > 0 && !char.IsLetterOrDigit(next) && next is not '\'' and not '’' &&
                (c is '+' or '#' || (c is '-' && char.IsLetter(current[^1]) && !char.IsWhiteSpace(text[i - 1]))))
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

    /// <summary>Characters of scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).</summary>
    public static bool IsUnspacedScript(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or
        >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\u0E00' and <= '\u0EFF' or
        >= '\u1780' and <= '\u17FF' or >= '\u1000' and <= '\u109F' or >= '\uFF66' and <= '\uFF9F';

    [GeneratedRegex(@"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")]
    private static partial Regex ThousandsGrouping();

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

using System.Globalization;
using System.Text;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>Splits a fact into words and classifies each one (<see cref="TokenClass"/>). Words are runs of
/// letters and digits (apostrophes dropped, so "don't" is "dont"); a number keeps its decimal point or time colon
/// ("3.5", "12:30"); currency, percent and degree signs are words of their own. Capitalised words that are not
/// stop words are proper names, wherever they stand.</summary>
internal static class FactTokenizer
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

        var digits = 0;
        while (digits < lower.Length && (char.IsAsciiDigit(lower[digits]) || lower[digits] is '.' or ','))
        {
            digits++;
        }

        var value = lower[..digits].Replace(",", string.Empty, StringComparison.Ordinal);
        var suffix = lower[digits..];
        if (digits == 0 || suffix.Any(char.IsAsciiDigit))
        {
            tokens.Add(new FactToken(lower, TokenClass.Number, lower));
            return;
        }

        if (value.Contains('.', StringComparison.Ordinal))
        {
            value = value.TrimEnd('0').TrimEnd('.');
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

    private static List<RawWord> Split(string text)
    {
        var words = new List<RawWord>();
        var current = new StringBuilder();
        var numeric = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
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

            if (c is '.' or ',' or ':' && current.Length > 0 && char.IsAsciiDigit(current[^1]) && char.IsAsciiDigit(next) &&
                current.ToString().All(d => char.IsAsciiDigit(d) || d is '.' or ',' or ':'))
            {
                current.Append(c);
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

using System.Globalization;
using System.Text.RegularExpressions;
using Memory.Text;

namespace Memory.WriteBack.Extraction;

/// <summary>The numbers a text states, read alike however they are written, for <see cref="FactGrounding"/>: digits
/// ("2", "2,000", "72.5", "2k", "1990s"), number words ("two", "twenty-five", "two hundred", "a dozen", "twice"),
/// ordinals ("third", "21st"), and clock times ("7pm", "7 p.m.", "19:00", "noon", kept apart as minutes of the day).
/// Month names count as their number, so "14 March" holds 3 and 14 like "14/3".</summary>
internal static partial class GroundingNumbers
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9,
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9,
    };

    private static readonly Dictionary<string, int> Teens = new(StringComparer.Ordinal)
    {
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["dozen"] = 12,
        ["tenth"] = 10, ["eleventh"] = 11, ["twelfth"] = 12, ["thirteenth"] = 13, ["fourteenth"] = 14, ["fifteenth"] = 15,
        ["sixteenth"] = 16, ["seventeenth"] = 17, ["eighteenth"] = 18, ["nineteenth"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80,
        ["ninety"] = 90, ["twentieth"] = 20, ["thirtieth"] = 30, ["fortieth"] = 40, ["fiftieth"] = 50, ["sixtieth"] = 60,
        ["seventieth"] = 70, ["eightieth"] = 80, ["ninetieth"] = 90,
    };

    private static readonly Dictionary<string, int> Others = new(StringComparer.Ordinal) { ["once"] = 1, ["twice"] = 2 };

    /// <summary>Month names and their usual abbreviations, with the month's number.</summary>
    internal static IReadOnlyDictionary<string, int> Months => EnglishLexicon.Months;

    /// <summary>Reads <paramref name="text"/>: plain numbers (month names included when <paramref name="monthNames"/>)
    /// and clock times.</summary>
    public static (HashSet<decimal> Numbers, List<ClockTime> Times) Read(string text, bool monthNames, bool looseOnes = true)
    {
        var numbers = new HashSet<decimal>();
        var times = new List<ClockTime>();
        var rest = ClockPattern().Replace(text, m =>
        {
            times.Add(ClockTime.From(m));
            return " ";
        });

        // A dotted date or time ("14.03.1990", "7.30") also gives its parts, as a date written with slashes would.
        foreach (Match m in DottedPattern().Matches(rest))
        {
            foreach (var part in m.Value.Split('.'))
            {
                if (decimal.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    numbers.Add(value);
                }
            }
        }

        foreach (Match m in DigitsPattern().Matches(rest))
        {
            if (decimal.TryParse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                numbers.Add(m.Groups["k"].Success && value < 1e24m ? value * 1000 : value);
            }
        }

        ReadWords(rest, numbers, monthNames, looseOnes);
        return (numbers, times);
    }

    /// <summary>True for a number word ("two", "twenty", "third", "dozen", "hundred").</summary>
    public static bool IsNumberWord(string word) =>
        Units.ContainsKey(word) || Teens.ContainsKey(word) || Tens.ContainsKey(word) || Others.ContainsKey(word) || word is "hundred" or "thousand";

    /// <summary>True for words that name a number but mostly serve as determiners ("one of", "first language",
    /// "once"): read with <c>looseOnes: false</c>, such a word alone is no number.</summary>
    private static bool IsLooseOne(string word) => word is "one" or "first" or "once";

    private static void ReadWords(string text, HashSet<decimal> numbers, bool monthNames, bool looseOnes)
    {
        decimal total = 0, current = 0;
        var inNumber = false;
        var words = 0;
        var loose = false;
        var last = ' ';
        foreach (Match m in WordPattern().Matches(text))
        {
            var word = m.Value.ToLowerInvariant();
            if (monthNames && Months.TryGetValue(word, out var month) && word != "may")
            {
                numbers.Add(month);
            }

            if (word == "and" && inNumber)
            {
                continue;
            }

            // A new number starts where the last one cannot continue ("two three-year-olds" is 2 and 3, not 5).
            char kind;
            if (Units.TryGetValue(word, out var value))
            {
                kind = 'u';
            }
            else if (Teens.TryGetValue(word, out value))
            {
                kind = 't';
            }
            else if (Tens.TryGetValue(word, out value))
            {
                kind = 'd';
            }
            else if (word is "hundred" or "thousand" && inNumber)
            {
                kind = word == "hundred" ? 'H' : 'K';
            }
            else
            {
                Flush();
                if (Others.TryGetValue(word, out value) && (looseOnes || !IsLooseOne(word)))
                {
                    numbers.Add(value);
                }

                continue;
            }

            if (inNumber && ((kind is 'u' or 't' && last is 'u' or 't') || (kind == 'd' && last is 'u' or 't' or 'd')))
            {
                Flush();
            }

            if (kind == 'H')
            {
                current = current > 1e20m ? current : (current == 0 ? 1 : current) * 100;
            }
            else if (kind == 'K')
            {
                total = total > 1e20m || current > 1e20m ? total : total + ((current == 0 ? 1 : current) * 1000);
                current = 0;
            }
            else
            {
                current += value;
            }

            inNumber = true;
            last = kind;
            words++;
            loose = words == 1 && IsLooseOne(word);
        }

        Flush();

        void Flush()
        {
            if (inNumber && (looseOnes || !loose || words > 1))
            {
                numbers.Add(total + current);
            }

            words = 0;
            loose = false;
            total = 0;
            current = 0;
            inNumber = false;
            last = ' ';
        }
    }

    /// <summary>"7pm", "7:30 a.m.", "19:00", "noon", "midnight".</summary>
    [GeneratedRegex(@"\b(?:(?<h>[0-9]{1,2})(?::(?<m>[0-9]{2}))?\s*(?<ap>[ap])\.?m\b\.?|(?<h>[0-9]{1,2}):(?<m>[0-9]{2})\b|(?<word>noon|midday|midnight)\b)",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClockPattern();

    /// <summary>"2", "2,000", "72.5", "2k", the 1990 of "1990s"; a full stop or comma ends it unless digits follow.</summary>
    [GeneratedRegex(@"(?<![0-9.,])(?<n>[0-9]{1,24}(?:,[0-9]{3})*(?:\.[0-9]+)?)(?<k>k\b)?", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DigitsPattern();

    /// <summary>"14.03.1990", "7.30": two or three groups of ASCII digits joined by full stops.</summary>
    [GeneratedRegex(@"(?<![0-9.])[0-9]{1,4}\.[0-9]{2}(?:\.[0-9]{2,4})?(?![0-9])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DottedPattern();

    [GeneratedRegex(@"\p{L}+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex WordPattern();
}

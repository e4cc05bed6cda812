namespace Memory.Dedup;

/// <summary>The details of a fact that no paraphrase may change: its numbers, dates, times, units, proper names
/// and whether it is negative. Names are compared by presence (a name of one text counts as kept when the other
/// text holds that word in any case), so a sentence-initial capital never makes two paraphrases differ; likewise a
/// date or time read from a word ("March", "noon") counts as kept when the other text holds that word, even where
/// it was not read as a date there ("in march").</summary>
internal sealed class FactSignature
{
    private readonly HashSet<string> _details = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _detailWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _words = new(StringComparer.Ordinal);

    public FactSignature(IReadOnlyList<FactToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            _words.Add(token.Lower);
            switch (token.Class)
            {
                case TokenClass.Number or TokenClass.Date or TokenClass.Time or TokenClass.Unit or TokenClass.Kind:
                    // A bare number said as an hour ("at 5") is another detail than the same number counting ("5 cats").
                    var key = token.Class == TokenClass.Number && ReadsAsHour(tokens, i) ? "h:" + token.Value : Key(token.Class, token.Value!);
                    _details.Add(key);

                    if (!token.Lower.Any(char.IsAsciiDigit))
                    {
                        _detailWords.TryAdd(key, token.Lower);
                    }

                    break;
                case TokenClass.Name:
                    _names.Add(token.Lower);
                    break;
                case TokenClass.Negation:
                    Negative = true;
                    break;
            }
        }

    }

    public bool Negative { get; }

    /// <summary>Whether the text holds this word (lower case, as written).</summary>
    public bool HasWord(string lower) => _words.Contains(lower);

    /// <summary>The kinds of detail held by one side and missing from the other. With <paramref name="slotHours"/> (two
    /// values of one slot whose shapes match, "my daughter's bedtime is 7pm" / "... is 7") any bare hour is held by its
    /// time of day.</summary>
    public DetailKinds DifferencesFrom(FactSignature other, bool slotHours = false)
    {
        var kinds = Negative != other.Negative ? DetailKinds.Negation : DetailKinds.None;
        foreach (var detail in _details)
        {
            if (!other.Holds(detail, _detailWords, slotHours))
            {
                kinds |= KindOf(detail);
            }
        }

        foreach (var detail in other._details)
        {
            if (!Holds(detail, other._detailWords, slotHours))
            {
                kinds |= KindOf(detail);
            }
        }

        if (_names.Any(n => !other._words.Contains(n)) || other._names.Any(n => !_words.Contains(n)))
        {
            kinds |= DetailKinds.Name;
        }

        return kinds;
    }

    /// <summary>True when this side keeps every detail of <paramref name="other"/> and has the same polarity (bare hours
    /// read as in <see cref="DifferencesFrom"/>).</summary>
    public bool Covers(FactSignature other, bool slotHours = false) =>
        Negative == other.Negative && other._details.All(d => Holds(d, other._detailWords, slotHours)) && other._names.All(_words.Contains);

    /// <summary>Whether this side holds <paramref name="detail"/>: the same detail, the word it was read from, or, for a
    /// number said as an hour (any bare number with <paramref name="slotHours"/>), that hour on the clock.</summary>
    private bool Holds(string detail, Dictionary<string, string> wordsOfDetails, bool slotHours) =>
        _details.Contains(detail) || (wordsOfDetails.TryGetValue(detail, out var word) && _words.Contains(word)) ||
        ((detail.StartsWith("h:", StringComparison.Ordinal) || (slotHours && detail.StartsWith("n:", StringComparison.Ordinal))) && HoldsHour(detail)) ||
        (slotHours && detail.StartsWith("h:", StringComparison.Ordinal) && _details.Contains("n:" + detail[2..]));

    /// <summary>Whether the number at <paramref name="i"/> reads as an hour: after a word that says when ("at 9",
    /// "until 5", "from 9 to 5") and counting nothing after it ("at 5 cats" counts cats). "I have 5 cats", "my son is 7"
    /// hold no hour.</summary>
    private static bool ReadsAsHour(IReadOnlyList<FactToken> tokens, int i) =>
        i > 0 && tokens[i - 1].Lower is "at" or "by" or "until" or "till" or "til" or "from" or "to" or "around" or "before" or "after" or "past" &&
        (i + 1 == tokens.Count || tokens[i + 1].Class is TokenClass.Date or TokenClass.Time ||
         (tokens[i + 1].Class == TokenClass.Word && Memory.Text.EnglishStopWords.Contains(tokens[i + 1].Lower)));

    /// <summary>A bare hour ("at 9") is held by that hour on the clock ("9am", "09:00", "9pm"), which says more; a bare
    /// number that counts or measures something ("5 cats", "my son is 7") is not (<see cref="ReadsAsHour"/>).</summary>
    private bool HoldsHour(string detail) =>
        int.TryParse(detail.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var hour) &&
        hour is >= 0 and <= 12 &&
        (_details.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"t:{hour:00}:00")) ||
         _details.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"t:{(hour + 12) % 24:00}:00")));

    private static string Key(TokenClass kind, string value) => kind switch
    {
        TokenClass.Number => "n:" + value,
        TokenClass.Date => "d:" + value,
        TokenClass.Time => "t:" + value,
        TokenClass.Kind => "k:" + value,
        _ => "u:" + value,
    };

    private static DetailKinds KindOf(string detail) => detail[0] switch
    {
        'n' or 'h' => DetailKinds.Number,
        'd' => DetailKinds.Date,
        't' => DetailKinds.Time,
        'k' => DetailKinds.Kind,
        _ => DetailKinds.Unit,
    };
}

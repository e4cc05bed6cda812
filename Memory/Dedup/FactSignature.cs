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
        foreach (var token in tokens)
        {
            _words.Add(token.Lower);
            switch (token.Class)
            {
                case TokenClass.Number or TokenClass.Date or TokenClass.Time or TokenClass.Unit or TokenClass.Kind:
                    var key = Key(token.Class, token.Value!);
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

    /// <summary>The kinds of detail held by one side and missing from the other.</summary>
    public DetailKinds DifferencesFrom(FactSignature other)
    {
        var kinds = Negative != other.Negative ? DetailKinds.Negation : DetailKinds.None;
        foreach (var detail in _details)
        {
            if (!other.Holds(detail, _detailWords))
            {
                kinds |= KindOf(detail);
            }
        }

        foreach (var detail in other._details)
        {
            if (!Holds(detail, other._detailWords))
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

    /// <summary>True when this side keeps every detail of <paramref name="other"/> and has the same polarity.</summary>
    public bool Covers(FactSignature other) =>
        Negative == other.Negative && other._details.All(d => Holds(d, other._detailWords)) && other._names.All(_words.Contains);

    private bool Holds(string detail, Dictionary<string, string> wordsOfDetails) =>
        _details.Contains(detail) || (wordsOfDetails.TryGetValue(detail, out var word) && _words.Contains(word)) || HoldsHour(detail);

    /// <summary>A bare hour ("at 9") is held by that hour on the clock ("9am", "09:00", "9pm"), which says more.</summary>
    private bool HoldsHour(string detail) =>
        detail.StartsWith("n:", StringComparison.Ordinal) &&
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
        'n' => DetailKinds.Number,
        'd' => DetailKinds.Date,
        't' => DetailKinds.Time,
        'k' => DetailKinds.Kind,
        _ => DetailKinds.Unit,
    };
}

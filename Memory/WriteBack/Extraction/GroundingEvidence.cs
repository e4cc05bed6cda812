using System.Text.RegularExpressions;
using Memory.Text;

namespace Memory.WriteBack.Extraction;

/// <summary>What a fact may rest on, read once from the user's messages (or the assistant's question): their words,
/// stemmed terms, numbers and clock times, and their clauses with whether each is negated.</summary>
internal sealed partial class GroundingEvidence
{
    /// <summary>Words that negate ("n't" as the analyser writes it: "dont", "isnt").</summary>
    internal static readonly HashSet<string> Negations = new(EnglishLexicon.Negations.Concat(["nah", "anymore"]), StringComparer.Ordinal);

    private readonly HashSet<decimal> _numbers;
    private readonly HashSet<decimal> _plainNumbers;
    private readonly List<ClockTime> _times;
    private readonly HashSet<string> _terms;
    private readonly bool _numericDate;
    private readonly List<string> _wordsInOrder;

    private GroundingEvidence(string text, bool clauses)
    {
        var words = TextAnalyzer.Words(text);
        _wordsInOrder = words;
        Words = new HashSet<string>(words, StringComparer.Ordinal);
        _terms = new HashSet<string>(words.Where(w => !EnglishStopWords.Contains(w)).Select(FactGrounding.Term), StringComparer.Ordinal);
        (_plainNumbers, _times) = GroundingNumbers.Read(text, monthNames: true);
        _numbers = [.. _plainNumbers];
        foreach (var t in _times)
        {
            _numbers.Add(t.Hour);
            _numbers.Add(t.Hour % 12 == 0 ? 12 : t.Hour % 12);
            if (t.Minute != 0)
            {
                _numbers.Add(t.Minute);
            }
        }

        if (Words.Contains("a") || Words.Contains("an") || Words.Contains("single"))
        {
            _numbers.Add(1);
        }

        _numericDate = NumericDate().IsMatch(text);
        Negated = Words.Overlaps(Negations);
        Clauses = clauses
            ? [.. ClauseBreak().Split(text).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => new GroundingEvidence(c, clauses: false))]
            : [];
        Sentences = clauses
            ? [.. SentenceBreak().Split(text).Select(TextAnalyzer.Words).Where(s => s.Count > 0)]
            : [];
    }

    /// <summary>Normalised words (<see cref="TextAnalyzer.Words"/>).</summary>
    public HashSet<string> Words { get; }

    /// <summary>The normalised words in the order said.</summary>
    public IReadOnlyList<string> WordsInOrder => _wordsInOrder;

    /// <summary>True when a negation word occurs ("not", "n't", "never", "no", "anymore").</summary>
    public bool Negated { get; }

    /// <summary>The text cut at punctuation and at "but", "and", "though", ...</summary>
    public IReadOnlyList<GroundingEvidence> Clauses { get; }

    /// <summary>The words of each sentence in order, cut at ".", "!", ";" and line breaks only: a list one verb
    /// governs ("I've lived in Tokyo, Seoul and Taipei") and a taste denied after a question mark ("Board games? Not
    /// for me") stay together.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Sentences { get; }

    public static GroundingEvidence Of(string text) => new(text, clauses: true);

    /// <summary>Where <paramref name="terms"/> are said, sentence by sentence: runs of words that are terms (two of
    /// them at most one word apart), each with how many different terms it holds.</summary>
    public List<Mention> Mentions(IReadOnlyList<string> terms)
    {
        var mentions = new List<Mention>();
        foreach (var words in Sentences)
        {
            int start = -1, end = -1;
            var found = new HashSet<int>();
            for (var i = 0; i < words.Count; i++)
            {
                var at = TermAt(words[i], terms);
                if (at < 0)
                {
                    continue;
                }

                if (start >= 0 && i - end > 2)
                {
                    mentions.Add(new Mention(words, start, end, found.Count));
                    found.Clear();
                    start = -1;
                }

                start = start < 0 ? i : start;
                end = i;
                found.Add(at);
            }

            if (start >= 0)
            {
                mentions.Add(new Mention(words, start, end, found.Count));
            }
        }

        return mentions;
    }

    /// <summary>The index of the term of <paramref name="terms"/> that <paramref name="word"/> says, or -1.</summary>
    private static int TermAt(string word, IReadOnlyList<string> terms)
    {
        if (EnglishStopWords.Contains(word))
        {
            return -1;
        }

        var term = FactGrounding.Term(word);
        for (var t = 0; t < terms.Count; t++)
        {
            if (SameTerm(terms[t], term))
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>A word of a place or employer the fact names is said: the same stem, or one stem starting the other
    /// unless the user's is the role of someone who works there ("carer" is no "care home", "farmer" no "farm",
    /// "baker" no "bakery").</summary>
    public bool HasPlaceWord(string word)
    {
        var term = FactGrounding.Term(word);
        return _terms.Contains(term) || _terms.Any(s => SameTerm(s, term) && !IsRoleOf(s, term));
    }

    private static bool IsRoleOf(string said, string place) =>
        (said.StartsWith(place, StringComparison.Ordinal) && said[place.Length..] is "r" or "er" or "or" or "ist" or "ian" or "ant") ||
        (place.StartsWith(said, StringComparison.Ordinal) && (said.EndsWith("er", StringComparison.Ordinal) || said.EndsWith("or", StringComparison.Ordinal)));

    /// <summary>The number is said (1 also by "a"/"an").</summary>
    public bool HasNumber(decimal n) => _numbers.Contains(n);

    /// <summary>True when a negation comes before the first of <paramref name="terms"/> said here ("I don't live in
    /// Lisbon"), or "anymore" anywhere; a negation after it is about something else ("the 14th, not the 15th").</summary>
    public bool NegatesBefore(IReadOnlyList<string> terms)
    {
        if (Words.Contains("anymore"))
        {
            return true;
        }

        var negation = -1;
        for (var i = 0; i < _wordsInOrder.Count; i++)
        {
            var word = _wordsInOrder[i];
            if (negation >= 0 && (PositiveAfterNegation.Contains(word) || (word is "mind" or "minds" or "minded" && _wordsInOrder[negation] is "dont" or "doesnt" or "didnt" or "never")))
            {
                negation = -1; // "never miss", "can't live without", "nothing beats", "can't wait", "don't mind" (not "wouldn't mind"): no denial
                continue;
            }

            if (Negations.Contains(word))
            {
                negation = i;
                continue;
            }

            if (!EnglishStopWords.Contains(word) && terms.Any(t => SameTerm(t, FactGrounding.Term(word))))
            {
                // Only a negation a few words before the term denies it ("I don't really like ..."); one further back
                // is about something else in the clause.
                return negation >= 0 && i - negation <= NegationReach;
            }
        }

        return false;
    }

    /// <summary>How many words before a term a negation still reaches it.</summary>
    private const int NegationReach = 4;

    /// <summary>Words that turn a preceding negation into an affirmation ("I never miss my run", "I can't live without
    /// coffee", "nothing beats jazz", "I can't wait to", "I can't stop eating").</summary>
    private static readonly HashSet<string> PositiveAfterNegation = new(StringComparer.Ordinal)
    {
        "miss", "misses", "missed", "missing", "without", "beats", "beat", "better", "wait", "stop", "resist", "enough",
    };

    /// <summary>The same time of day is said, or its hour (and minutes) as plain numbers, not as a time ("at 7" for
    /// "7pm", "seven" for "07:00", "7.30" for "7:30"; "7am" is no "7pm").</summary>
    public bool HasTime(ClockTime t) =>
        _times.Exists(s => s.SameAs(t)) ||
        ((_plainNumbers.Contains(t.Hour) || _plainNumbers.Contains(t.Hour % 12 == 0 ? 12 : t.Hour % 12)) &&
         (t.Minute == 0 || _plainNumbers.Contains(t.Minute))); // "at 7", "seven", or "7.30" written with a full stop

    /// <summary>The term is said: the same stem, or one stem starting the other when the shorter has four letters or
    /// more ("teach" / "teacher", "paint" / "painter").</summary>
    public bool HasTerm(string term) => _terms.Contains(term) || _terms.Any(s => SameTerm(s, term));

    private static bool SameTerm(string a, string b) =>
        a == b || (Math.Min(a.Length, b.Length) >= 4 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)));

    /// <summary>A capitalised word of a fact is said: the same word or stem (plurals, possessives), a month by its
    /// abbreviation or number in a numeric date, a weekday by its abbreviation ("Mon").</summary>
    public bool HasName(string name)
    {
        if (Words.Contains(name) || _terms.Contains(FactGrounding.Term(name)))
        {
            return true;
        }

        if (GroundingNumbers.Months.TryGetValue(name, out var month))
        {
            return Words.Any(w => w != "may" && GroundingNumbers.Months.TryGetValue(w, out var m) && m == month) ||
                   (_numericDate && _numbers.Contains(month));
        }

        return name.EndsWith("day", StringComparison.Ordinal) || name.EndsWith("days", StringComparison.Ordinal)
            ? Words.Any(w => w.Length >= 3 && name.StartsWith(w, StringComparison.Ordinal) && name.Length <= w.Length + 6)
            : false;
    }

    /// <summary>Punctuation, a conjunction, or a new first-person subject in text typed without punctuation ("i cant eat
    /// gluten im celiac").</summary>
    [GeneratedRegex(@"[.!?;,:\n]+|\b(?:but|and|though|although|while|whereas|however|yet)\b|(?<=\w\s+)(?=\b(?:i|i'm|im|i've|ive)\b)", RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ClauseBreak();

    /// <summary>A full stop, "!" or ";" before a space or the end (not the point of "7.30"), or a line break.</summary>
    [GeneratedRegex(@"[.!;]+(?=\s|$)|\n+", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"\b\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{1,4})?\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NumericDate();
}

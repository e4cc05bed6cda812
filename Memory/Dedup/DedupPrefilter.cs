namespace Memory.Dedup;

/// <summary>A cheap test that lets a writer skip the full <see cref="DedupRule"/> for memories that are not similar
/// to the incoming text: without similarity only the same words, the same slot (the stored text starts with the
/// incoming slot's subject) or the same statement negated (the same words once negations are dropped, one beginning
/// the other when either is negative), or restated with a change of date, time or number ("... on Tuesdays now"),
/// can relate them. Texts are read by the tokenizer alone (no slot, signature or stemming): details in canonical
/// form ("two" is "2", "7am" "07:00", "$" "usd"), contractions written out, a kind by its member ("mum" is
/// "mother"); words are compared by their first three letters, as a bag. A paraphrase (<see cref="ParaphraseForm"/>)
/// also relates them. A miss only ever means an ADD, never a lost fact.</summary>
internal sealed class DedupPrefilter
{
    private readonly string[]? _subject;
    private readonly string? _selfHead;
    private readonly List<string> _positive;
    private readonly string _fingerprint;
    private readonly bool _negative;
    private readonly string? _statement;
    private readonly ParaphraseForm _paraphrase;
    private readonly string _details;

    private readonly record struct Word(string Text, TokenClass Class);

    public DedupPrefilter(string incoming)
    {
        var fact = FactText.Of(incoming);
        _subject = fact.Slot is { } slot ? slot.Head[..slot.Head.IndexOf(" | ", StringComparison.Ordinal)].Split(' ') : null;

        // The user's own attributes are read, not spelled one way ("I'm 34" / "I am 35" / "The user is 36").
        _selfHead = fact.Slot is { } self && SlotShape.IsSelf(self.Head) ? self.Head : null;
        _paraphrase = fact.Paraphrase;
        var tokens = FactTokenizer.Tokenize(incoming);
        _details = Details(tokens);
        var words = Words(tokens);
        _positive = Positive(words);
        _fingerprint = Fingerprint(_positive);
        _negative = words.Exists(w => w.Class == TokenClass.Negation);

        // "I go to the gym on Tuesdays now" may give "I go to the gym on Mondays" its new day.
        // "I've been married for 12 years", "I sleep 6 hours a night" may give the same statement its new number.
        _statement = fact.ChangeMarked || fact.LastingFreeKey is not null || fact.Rate || fact.PerfectCount || fact.Aged ? Statement(words) : null;

        // "Anna, my sister, lives in York now" is about "my sister Anna"; "Rex weighs 23 kg" about whoever is called Rex.
        var restatedSlot = ReferenceEquals(fact.Restated, incoming) ? null : FactText.Of(fact.Restated).Slot;
        _restatedSubject = restatedSlot is { } r ? r.Head[..r.Head.IndexOf(" | ", StringComparison.Ordinal)].Split(' ') : null;
        var subjectName = (restatedSlot ?? fact.Slot)?.SubjectWords is [.., var last] &&
                          tokens.Exists(t => t.Class == TokenClass.Name && string.Equals(t.Lower, last, StringComparison.Ordinal)) ? last : null;
        _subjectName = subjectName;

        // "Anna, my sister, is a nurse", "My sister lives with me": the words in the one wording (Restatement).
        _restated = ReferenceEquals(fact.Restated, incoming) ? null : Fingerprint(Positive(Words(FactTokenizer.Tokenize(fact.Restated))));
    }

    private readonly string? _restated;
    private readonly string[]? _restatedSubject;
    private readonly string? _subjectName;

    /// <summary>Whether the stored text is about the person or pet the incoming slot names: it begins with that name, or
    /// says who they are and then the name within its first words ("my dog Rex").</summary>
    private bool NamesSubject(List<Word> words) =>
        _subjectName is not null && words.Count > 1 &&
        ((words[0].Class == TokenClass.Name && string.Equals(words[0].Text, _subjectName, StringComparison.Ordinal)) ||
         (words[0].Text is "my" or "our" && words.Take(5).Any(w => w.Class == TokenClass.Name && string.Equals(w.Text, _subjectName, StringComparison.Ordinal))));

    /// <summary>Whether the stored text may hold an apposition or a symmetric relation to rewrite (a cheap test before
    /// <see cref="Restatement"/>).</summary>
    private static bool MayRestate(string stored) =>
        stored.Contains(',', StringComparison.Ordinal) || stored.Contains(" with ", StringComparison.OrdinalIgnoreCase) ||
        stored.Contains(" together", StringComparison.OrdinalIgnoreCase);

    public bool MayRelate(string stored)
    {
        var tokens = FactTokenizer.Tokenize(stored);
        var words = Words(tokens);
        if ((_subject is not null && StartsWith(words, _subject)) || (_restatedSubject is not null && StartsWith(words, _restatedSubject)) ||
            NamesSubject(words) ||
            (_selfHead is not null && SaysI(words) && string.Equals(FactText.Of(stored).Slot?.Head, _selfHead, StringComparison.Ordinal)))
        {
            return true;
        }

        var positive = Positive(words);
        var fingerprint = Fingerprint(positive);
        if (_restated is not null && string.Equals(fingerprint, _restated, StringComparison.Ordinal))
        {
            return true;
        }

        if (MayRestate(stored) && Restatement.Of(stored) is var restated && !string.Equals(restated, stored, StringComparison.Ordinal))
        {
            var restatedWords = Words(FactTokenizer.Tokenize(restated));
            var other = Fingerprint(Positive(restatedWords));
            if (string.Equals(other, _fingerprint, StringComparison.Ordinal) || string.Equals(other, _restated, StringComparison.Ordinal) ||
                (_subject is not null && StartsWith(restatedWords, _subject)) || (_restatedSubject is not null && StartsWith(restatedWords, _restatedSubject)))
            {
                return true;
            }
        }

        return string.Equals(fingerprint, _fingerprint, StringComparison.Ordinal) ||
               ((_negative || words.Exists(w => w.Class == TokenClass.Negation)) && (Begins(positive, _positive) || Begins(_positive, positive))) ||
               (_statement is not null && string.Equals(Statement(words), _statement, StringComparison.Ordinal)) ||
               (string.Equals(Details(tokens), _details, StringComparison.Ordinal) && _paraphrase.Matches(ParaphraseForm.Of(tokens)));
    }

    /// <summary>The numbers, dates, times, units and kinds, sorted: a paraphrase holds the same ones, so a stored text
    /// with others is not read as one (the cheap gate before <see cref="ParaphraseForm"/>).</summary>
    private static string Details(List<FactToken> tokens)
    {
        var details = tokens.Where(t => t.Class is TokenClass.Number or TokenClass.Date or TokenClass.Time or TokenClass.Unit or TokenClass.Kind)
            .Select(t => t.Value ?? t.Lower).ToArray();
        Array.Sort(details, StringComparer.Ordinal);
        return string.Join(' ', details);
    }

    private static bool StartsWith(List<Word> words, string[] subject)
    {
        // "my new phone" begins with the subject "my phone": a slot's head leaves out the words that only say it is new.
        var at = 0;
        for (var i = 0; i < subject.Length; i++, at++)
        {
            while (at < words.Count && i > 0 && words[at].Text is "new" or "current" or "latest" or "just" or "still" or "now" or "currently")
            {
                at++;
            }

            if (at >= words.Count || !string.Equals(words[at].Text, subject[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return words.Count > at;
    }

    private static bool SaysI(List<Word> words) =>
        words.Count > 1 && (words[0].Text is "i" or "im" or "we" || (words[0].Text == "the" && words[1].Text == "user"));

    /// <summary>The text's words as the prefilter compares them; "the user's" at the start is "my", as a slot's head reads it.</summary>
    private static List<Word> Words(List<FactToken> tokens)
    {
        var possessor = FactText.PossessorLength(tokens);
        var words = tokens.Skip(possessor).Select(t => new Word(t.Class is TokenClass.Word or TokenClass.Name or TokenClass.Negation ? t.Lower : t.Value ?? t.Lower, t.Class)).ToList();
        if (possessor > 0)
        {
            words.Insert(0, new Word("my", TokenClass.Word));
        }

        return words;
    }

    /// <summary>The words with negations, the words that stand beside them, and "used to" left out.</summary>
    private static List<string> Positive(List<Word> words)
    {
        var kept = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i].Text;
            if (word == "used" && i + 1 < words.Count && words[i + 1].Text == "to")
            {
                i++;
                continue;
            }

            if (words[i].Class != TokenClass.Negation && !DedupLexicon.PolarityNeutral.Contains(word) && word != "still")
            {
                kept.Add(word.Length > 3 ? word[..3] : word);
            }
        }

        return kept;
    }

    private static bool Begins(List<string> shorter, List<string> longer)
    {
        if (shorter.Count < 2 || shorter.Count > longer.Count)
        {
            return false;
        }

        for (var i = 0; i < shorter.Count; i++)
        {
            if (!string.Equals(shorter[i], longer[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The positive words as a sorted bag.</summary>
    private static string Fingerprint(List<string> positive)
    {
        var bag = positive.ToArray();
        Array.Sort(bag, StringComparer.Ordinal);
        return string.Join(' ', bag);
    }

    /// <summary>The fingerprint without details (numbers, dates, times, units) and the words that mark a change.</summary>
    private static string Statement(List<Word> words) => Fingerprint(Positive(words.FindAll(w =>
        w.Class is not (TokenClass.Number or TokenClass.Date or TokenClass.Time or TokenClass.Unit) && !DedupLexicon.ChangeMarkers.Contains(w.Text) &&
        w.Text is not ("once" or "twice" or "thrice" or "time" or "times"))));
}

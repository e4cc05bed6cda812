using System.Runtime.CompilerServices;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>One fact text analysed for de-duplication: its normalised key (case, accents, punctuation and spacing
/// ignored), its <see cref="FactSignature"/>, its <see cref="SlotShape"/> if it has one, and the key it has with
/// its negation taken out (so "I like cats" and "I don't like cats" are seen as the same statement, negated), and its
/// content words.
/// Analyses are cached per string instance.</summary>
internal sealed partial class FactText
{
    private static readonly ConditionalWeakTable<string, FactText> Cache = new();

    private FactText(string text)
    {
        var tokens = FactTokenizer.Tokenize(text);
        _text = text;
        _tokens = tokens;
        PastState = IsPastState(tokens);
        Key = AccentFolding.Fold(string.Join(' ', tokens.Select(t => t.Lower)));
        NormalKey = AccentFolding.Fold(Normalised(tokens));
        Signature = new FactSignature(tokens);
        Slot = SlotShape.Of(tokens);
        ChangeMarked = tokens.Exists(t => DedupLexicon.ChangeMarkers.Contains(t.Lower));
        LastingFreeKey = LastingFree(tokens);
        Rate = IsRate(tokens);
        // A count so far ("I've run 3 marathons"), not a one-off arrangement ("I've booked a table for 4 people") nor
        // a number after "for" (a party's size, a stay's nights: durations are LastingFreeKey's).
        PerfectCount = IsPerfect(tokens) && tokens.Exists(t => t.Class == TokenClass.Number) &&
                       !tokens.Exists(t => t.Class is TokenClass.Date or TokenClass.Time) &&
                       !tokens.Exists(t => DedupLexicon.OneOffVerbs.Contains(t.Lower)) &&
                       !tokens.Where((t, i) => t.Class == TokenClass.Number && i > 0 && tokens[i - 1].Lower == "for").Any();
        NumberFreeKey = Normalised([.. NumberFreeTokens(tokens)]);
        // "My niece, aged 5" / "... aged 9" is one person's age; "I have a daughter aged 5" / "... a daughter aged 3"
        // may be a second child: an indefinite article leaves the two apart.
        Aged = tokens.Exists(t => t.Lower == "aged") && tokens.Exists(t => t.Class == TokenClass.Number) &&
               !tokens.Exists(t => t.Lower is "a" or "an" or "another");

        // "I used to smoke" has the key of "I smoke": its past is what PastState says.
        // "The user's brother is in Leeds" is negated by "My brother isn't in Leeds": the possessor reads as "my".
        var usedTo = PastState ? tokens.ToList().FindIndex(t => t.Lower == "used") : -1;
        var possessor = PossessorLength(tokens);
        _polarityFree = tokens
            .Select((t, i) => i == 0 && possessor > 0 ? new FactToken("my", TokenClass.Word, null) : t)
            .Where((t, i) => (i == 0 || i >= possessor) && t.Class != TokenClass.Negation && !DedupLexicon.PolarityNeutral.Contains(t.Lower) &&
                (usedTo < 0 || (i != usedTo && i != usedTo + 1)))
            .Select(t => (Word: t.Class == TokenClass.Word ? PorterStemmer.Stem(t.Lower) : t.Value ?? t.Lower,
                Circumstance: t.Class is TokenClass.Date or TokenClass.Time or TokenClass.Number or TokenClass.Unit ||
                              (t.Class == TokenClass.Word && (EnglishStopWords.Contains(t.Lower) || DedupLexicon.FrequencyWords.Contains(t.Lower)))))
            .ToList();
        PolarityFreeKey = string.Join(' ', _polarityFree.Select(p => p.Word));

        // Content words, names and details in order; the ordinary words among them are the content words.
        var content = new List<(int Index, string Word)>();
        var words = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Class == TokenClass.Negation || (t.Class == TokenClass.Word && EnglishStopWords.Contains(t.Lower)))
            {
                continue;
            }

            var word = t.Class == TokenClass.Word ? PorterStemmer.Stem(t.Lower) : t.Value ?? t.Lower;
            content.Add((i, word));
            if (t.Class == TokenClass.Word)
            {
                words.Add(word);
            }
        }

        ContentWords = words;
        Sequence = content.Select(c => c.Word).ToArray();
        Ranked = tokens.Exists(t => DedupLexicon.RankWords.Contains(t.Lower));
        _counts = Counts(tokens);
        _directions = Directions(tokens, content);
        _relationWords = tokens.Select(t => t.Lower).Where(DedupLexicon.Opposites.ContainsKey).ToHashSet(StringComparer.Ordinal);
        Opaque = text.Length > OpaqueLength || tokens.Exists(t => t.Lower.Length == 1 && FactTokenizer.IsUnspacedScript(t.Lower[0]));
    }

    /// <summary>Past this many characters a sentence model's cosine no longer shows a changed word (MiniLM reads 256
    /// word pieces, and one word of hundreds barely moves the vector).</summary>
    private const int OpaqueLength = 300;

    private readonly HashSet<string> _relationWords;
    private readonly string _text;
    private readonly List<FactToken> _tokens;
    private ParaphraseForm? _paraphrase;
    private List<List<FactToken>>? _clauses;

    private string? _restated;

    /// <summary>The text with an apposition or a symmetric relation in one wording (<see cref="Restatement"/>); the
    /// same string instance when there is none.</summary>
    public string Restated => _restated ??= Restatement.Of(_text) is var r && string.Equals(r, _text, StringComparison.Ordinal) ? _text : r;

    /// <summary>What the text says as a bag of words with its people in order (<see cref="ParaphraseForm"/>): two texts
    /// whose forms match say one thing in other words.</summary>
    public ParaphraseForm Paraphrase => _paraphrase ??= ParaphraseForm.Of(_tokens);
    private readonly List<string> _directions;

    /// <summary>What the order words relate, as "left word right" ("tea over coffee"; "from boston to denver" however
    /// the sentence is ordered), sorted.</summary>
    private static List<string> Directions(List<FactToken> tokens, List<(int Index, string Word)> content)
    {
        string After(int i) => content.Find(c => c.Index > i).Word ?? string.Empty;
        string Before(int i) => content.FindLast(c => c.Index < i).Word ?? string.Empty;
        var directions = new List<string>();
        var prefers = tokens.Exists(t => t.Lower is "prefer" or "prefers" or "preferred" or "preferring");
        for (var i = 0; i < tokens.Count; i++)
        {
            // "to" relates what is preferred to what is not ("I prefer tea to coffee").
            var word = tokens[i].Lower;
            if (!DedupLexicon.OrderWords.Contains(word) && !(prefers && word == "to"))
            {
                continue;
            }

            if (word == "from")
            {
                var to = tokens.FindIndex(t => t.Lower == "to");
                directions.Add($"from {After(i)} to {(to >= 0 ? After(to) : string.Empty)}");
            }
            else
            {
                directions.Add($"{Before(i)} {word} {After(i)}");
            }
        }

        directions.Sort(StringComparer.Ordinal);
        return directions;
    }

    private readonly List<(string Word, bool Circumstance)> _polarityFree;
    private readonly (List<string> Pairs, List<string[]> Runs) _counts;

    public string Key { get; }

    /// <summary>The key with every detail in its canonical form ("two" is "2", "kilograms" "kg", "7am" "07:00", "mum"
    /// "mother"), British and American spellings and contractions read alike ("I'm" / "I am", "don't" / "do not"), a
    /// currency sign after its amount ("$50" / "50 dollars") and a day after its month ("3 May" / "May 3rd"): two texts
    /// with one normalised key say the same thing in the same order.</summary>
    public string NormalKey { get; }

    /// <summary>The text says its statement holds now, in place of what held before ("now", "instead").</summary>
    public bool ChangeMarked { get; }

    private static string Normalised(List<FactToken> tokens)
    {
        var parts = new List<string>(tokens.Count + 2);
        var start = PossessorLength(tokens);
        if (start > 0)
        {
            // "The user's sister lives in Leeds" says what "My sister lives in Leeds" says.
            parts.Add("my");
        }

        for (var i = start; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
            if (t.Lower == "still" && i > 0 && IsSubject(tokens[i - 1]))
            {
                // "I still work at Tesco" says what "I work at Tesco" says.
                continue;
            }

            if (t.Class == TokenClass.Negation && DedupLexicon.NegativeContractions.TryGetValue(t.Lower, out var auxiliary))
            {
                parts.Add(auxiliary);
                parts.Add("not");
            }
            else if ((t.Class == TokenClass.Unit && t.Lower is "$" or "€" or "£" or "¥" && next.Class == TokenClass.Number) ||
                     (t.Class == TokenClass.Number && IsDay(t.Value) && next.Class == TokenClass.Date && DedupLexicon.Months.ContainsKey(next.Lower)))
            {
                // "$50" as "50 dollars" is said; "3 May" as "May 3".
                parts.Add(next.Value!);
                parts.Add(t.Value!);
                i++;
            }
            else
            {
                // An aversion is its own word ("hate", "avoid"), not the "not" every negation reads as.
                parts.Add(t.Class == TokenClass.Negation && DedupLexicon.IsAversion(t.Lower) ? PorterStemmer.Stem(t.Lower)
                    : t.Class == TokenClass.Word ? t.Lower
                    : t.Value ?? t.Lower);
            }
        }

        return string.Join(' ', parts);
    }

    /// <summary>The normalised key of a statement in the present perfect that says how long it has held ("I've been
    /// married for 10 years", "I have worked at Google since 2019", "my son has been learning piano for 2 years"), with
    /// that duration and the words that mark a change left out; null for any other text. Two texts with one such key
    /// give one state two durations: the later is its new value (nineteenth session).</summary>
    public string? LastingFreeKey { get; }

    /// <summary>The text says, in the present perfect, how many or how much so far ("I've run 3 marathons", "my car has
    /// done 60,000 miles"), with no date or time that could make it one event among others.</summary>
    public bool PerfectCount { get; }

    /// <summary>The text gives ages ("two children aged 5 and 8"): each has one value at a time.</summary>
    public bool Aged { get; }

    /// <summary>A token with its number as "#": "twice" is "# times", "three times" "# times".</summary>
    /// <summary>The tokens with every quantity as "#": a number that names something is kept ("vitamin B6", "Omega 3",
    /// "bus 42": another number there is another thing, not a new value).</summary>
    private static IEnumerable<FactToken> NumberFreeTokens(List<FactToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (DedupLexicon.ChangeMarkers.Contains(t.Lower))
            {
                continue;
            }

            var names = t.Class == TokenClass.Number &&
                        ((t.Lower.Any(char.IsAsciiDigit) && t.Lower.Any(char.IsAsciiLetter)) || (i > 0 && DedupLexicon.NumberedNames.Contains(tokens[i - 1].Lower)));
            foreach (var kept in names ? [t] : NumberFree(t))
            {
                yield return kept;
            }
        }
    }

    private static IEnumerable<FactToken> NumberFree(FactToken t) =>
        t.Lower is "once" or "twice" or "thrice" ? [new FactToken("#", TokenClass.Word, null), new FactToken("times", TokenClass.Word, null)]
        : t.Class == TokenClass.Number ? [new FactToken("#", TokenClass.Word, null)]
        : t.Lower == "time" ? [new FactToken("times", TokenClass.Word, null)]
        : [t];

    /// <summary>The normalised key with every number as "#" and the words that mark a change left out.</summary>
    public string NumberFreeKey { get; }

    /// <summary>The text gives a quantity per period ("10 cigarettes a day", "7 hours a night", "20 mg daily", "£40,000 a
    /// year"): one value at a time, so the same statement with another number is its new value.</summary>
    public bool Rate { get; }

    private static string? LastingFree(List<FactToken> tokens)
    {
        if (!IsPerfect(tokens))
        {
            return null;
        }

        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            var end = tokens[i].Lower switch
            {
                // "for 10 years", "for two and a half years"
                "for" when tokens[i + 1].Class == TokenClass.Number =>
                    tokens.FindIndex(i + 1, t => t.Class != TokenClass.Number) is var u and > 0 && tokens[u].Class == TokenClass.Unit &&
                    DedupLexicon.UnitDimensions.GetValueOrDefault(tokens[u].Value ?? string.Empty) == "duration" ? u : -1,
                // "since 2014", "since March 2019"
                "since" when tokens[i + 1].Class is TokenClass.Number or TokenClass.Date =>
                    (tokens.FindIndex(i + 1, t => t.Class is not (TokenClass.Number or TokenClass.Date)) is var d and > 0 ? d : tokens.Count) - 1,
                _ => -1,
            };
            if (end > i)
            {
                return Normalised([.. tokens.Take(i), .. tokens.Skip(end + 1).Where(t => !DedupLexicon.ChangeMarkers.Contains(t.Lower))]);
            }
        }

        return null;
    }

    /// <summary>"have" or "has" (or a contraction of them) followed by a past participle: "I've been", "she has worked",
    /// "we have had"; not "I have 2 kids".</summary>
    private static bool IsPerfect(List<FactToken> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Lower is not ("have" or "has" or "ve"))
            {
                continue;
            }

            var next = tokens.FindIndex(i + 1, t => t.Lower is not ("just" or "already" or "now" or "only" or "actually" or "since"));
            if (next > 0 && tokens[next].Class == TokenClass.Word &&
                (DedupLexicon.IrregularParticiples.Contains(tokens[next].Lower) || (tokens[next].Lower.Length > 4 && tokens[next].Lower.EndsWith("ed", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRate(List<FactToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Value ?? tokens[i].Lower;
            if (DedupLexicon.RateAdverbs.Contains(tokens[i].Lower) ||
                (i > 0 && tokens[i - 1].Lower is "a" or "an" or "per" or "every" or "each" && (DedupLexicon.RatePeriods.Contains(word) || DedupLexicon.RatePeriods.Contains(tokens[i].Lower))))
            {
                return tokens.Exists(t => t.Class == TokenClass.Number);
            }
        }

        return false;
    }

    /// <summary>A word that may be who a statement is about, before its verb ("I", "she", "my son", "Rex").</summary>
    private static bool IsSubject(FactToken token) =>
        token.Class is TokenClass.Name or TokenClass.Kind || token.Lower is "i" or "we" or "you" or "he" or "she" or "they" or "user" or "it";

    /// <summary>How many words begin the text with the user as possessor in the third person ("the user's", "user's"), to
    /// be read as "my"; 0 when it does not.</summary>
    internal static int PossessorLength(IReadOnlyList<FactToken> tokens) =>
        tokens.Count > 2 && tokens[0].Lower == "the" && tokens[1].Lower == "users" ? 2
        : tokens.Count > 1 && tokens[0].Lower == "users" ? 1
        : 0;

    private static bool IsDay(string? value) => int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 31;

    /// <summary>True when this text, negated, says no to all that <paramref name="positive"/> says and more broadly: its
    /// words with the negation taken out begin <paramref name="positive"/>'s, which adds only when, how often or how much
    /// ("I no longer drink coffee" against "I drink coffee every morning"). A narrower negation ("I don't drink coffee on
    /// Sundays") or one about one item of a list ("I don't like dogs" against "I like dogs and cats") is another fact.</summary>
    public bool Negates(FactText positive) =>
        Signature.Negative && !positive.Signature.Negative && _polarityFree.Count >= 2 &&
        positive._polarityFree.Count > _polarityFree.Count &&
        _polarityFree.Select(p => p.Word).SequenceEqual(positive._polarityFree.Take(_polarityFree.Count).Select(p => p.Word), StringComparer.Ordinal) &&
        positive._polarityFree.Skip(_polarityFree.Count).All(p => p.Circumstance);

    /// <summary>Whether this text says what <paramref name="older"/> says word for word up to its first "in", then a
    /// place with no name where <paramref name="older"/> named one ("The user works in the city centre" after "The user
    /// works in London"): the vaguer place may lie within the named one (<see cref="SlotShape.Vaguer"/> for texts with
    /// no slot).</summary>
    public bool NamesNoPlaceAfterIn(FactText older)
    {
        var at = _tokens.FindIndex(t => t.Lower == "in");
        if (at < 1 || older._tokens.FindIndex(t => t.Lower == "in") != at ||
            !_tokens.Take(at).Select(t => t.Lower).SequenceEqual(older._tokens.Take(at).Select(t => t.Lower), StringComparer.Ordinal))
        {
            return false;
        }

        var place = _tokens.Skip(at + 1).ToList();
        var named = older._tokens.Skip(at + 1).ToList();
        return SlotValue.NamesPlace(named) && SlotValue.IsPlace(named, afterPreposition: true) &&
               !SlotValue.NamesPlace(place) && SlotValue.IsPlace(place, afterPreposition: true);
    }

    /// <summary>The statement says how things were, not how they are: "I had a dog", "I was vegetarian", "the user
    /// used to smoke". Against the same statement in the present it is a change, not a duplicate.</summary>
    public bool PastState { get; }

    /// <summary>Whether the statement's first verb, within its first words, is a past form of "be", "have" or "do" (or
    /// "used to"), of any subject: "I had a dog", "My dog wasn't friendly", "Alice was vegetarian".</summary>
    internal static bool IsPastState(IReadOnlyList<FactToken> tokens)
    {
        for (var i = 1; i < Math.Min(tokens.Count, 7); i++)
        {
            var word = tokens[i].Lower;
            if (word is "had" or "was" or "were" or "did" or "hadnt" or "wasnt" or "werent" or "didnt" ||
                (word == "used" && i + 1 < tokens.Count && tokens[i + 1].Lower == "to"))
            {
                return true;
            }

            if (word is "is" or "are" or "am" or "has" or "have" or "do" or "does" or "isnt" or "arent" or "hasnt" or "havent" or
                "dont" or "doesnt")
            {
                return false;
            }
        }

        return false;
    }
    /// <summary>Whether the text holds this word (lower case, as written).</summary>
    public bool Holds(string lower) => Signature.HasWord(lower);

    public FactSignature Signature { get; }
    public SlotShape? Slot { get; }
    public string PolarityFreeKey { get; }

    /// <summary>Stems of the ordinary content words (no stop words, no details).</summary>
    public IReadOnlySet<string> ContentWords { get; }

    /// <summary>The content words, names and details in the order they stand (stop words and negations left out).</summary>
    public IReadOnlyList<string> Sequence { get; }

    /// <summary>Whether a word makes a list's order part of the fact ("in order", "ranked").</summary>
    public bool Ranked { get; }

    /// <summary>Whether a sentence model's similarity says little about this text's words: it is long, or written in
    /// a script without spaces (which the shipped English models read as unknown pieces).</summary>
    public bool Opaque { get; }

    /// <summary>True when this text keeps every detail and every content word of <paramref name="other"/>, and turns
    /// none of its small words round: it can stand for it without losing anything.</summary>
    public bool Subsumes(FactText other, bool slotHours = false) =>
        Signature.Covers(other.Signature, slotHours) && other.ContentWords.IsSubsetOf(ContentWords) && !Reverses(other);

    /// <summary>True when one text has a small word where the other has its opposite ("before" / "after").</summary>
    public bool Reverses(FactText other) =>
        _relationWords.Any(w => !other._relationWords.Contains(w) && DedupLexicon.Opposites[w].Any(o => other._relationWords.Contains(o) && !_relationWords.Contains(o)));

    /// <summary>What each number counts ("3 cat" for "3 cats"), sorted; and the runs of numbers in their order (a
    /// score "3-1").</summary>
    private static (List<string> Pairs, List<string[]> Runs) Counts(List<FactToken> tokens)
    {
        var pairs = new List<string>();
        var runs = new List<string[]>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Class != TokenClass.Number)
            {
                continue;
            }

            var run = i;
            while (run + 1 < tokens.Count && tokens[run + 1].Class == TokenClass.Number)
            {
                run++;
            }

            if (run > i)
            {
                runs.Add(tokens.Skip(i).Take(run - i + 1).Select(t => t.Value!).ToArray());
            }
            else if (run + 1 < tokens.Count && tokens[run + 1] is { Class: TokenClass.Word or TokenClass.Kind or TokenClass.Unit } next &&
                     !EnglishStopWords.Contains(next.Lower))
            {
                pairs.Add(tokens[i].Value + " " + (next.Class == TokenClass.Word ? PorterStemmer.Stem(next.Lower) : next.Value));
            }

            i = run;
        }

        pairs.Sort(StringComparer.Ordinal);
        return (pairs, runs);
    }

    /// <summary>True when both texts count things with the same numbers but count other things with them ("3 cats and 2
    /// dogs" / "2 cats and 3 dogs"), or hold the same run of numbers in another order (a score "3-1" / "1-3").</summary>
    public bool Recounts(FactText other)
    {
        static IEnumerable<string> Numbers(List<string> pairs) => pairs.Select(p => p[..p.IndexOf(' ', StringComparison.Ordinal)]).Order(StringComparer.Ordinal);
        var recounted = !_counts.Pairs.SequenceEqual(other._counts.Pairs, StringComparer.Ordinal) &&
                        Numbers(_counts.Pairs).SequenceEqual(Numbers(other._counts.Pairs), StringComparer.Ordinal);
        return recounted || _counts.Runs.Exists(run => other._counts.Runs.Exists(o =>
            !run.SequenceEqual(o, StringComparer.Ordinal) &&
            run.Order(StringComparer.Ordinal).SequenceEqual(o.Order(StringComparer.Ordinal), StringComparer.Ordinal)));
    }

    /// <summary>True when both texts hold the same words, names and details, and the order that carries meaning
    /// differs: what an order word relates ("tea over coffee" / "coffee over tea", "from Boston to Denver"), or a
    /// ranked list's sequence. Other reorderings ("On Mondays I swim", "coffee and tea") are the same fact.</summary>
    public bool Reorders(FactText other) =>
        Sequence.Order(StringComparer.Ordinal).SequenceEqual(other.Sequence.Order(StringComparer.Ordinal), StringComparer.Ordinal) &&
        (!_directions.SequenceEqual(other._directions, StringComparer.Ordinal) ||
         (!Sequence.SequenceEqual(other.Sequence, StringComparer.Ordinal) &&
          (Ranked || other.Ranked || !ClauseKeys(other).SequenceEqual(other.ClauseKeys(this), StringComparer.Ordinal))));

    /// <summary>The text's clauses, as tokens: clauses part at semicolons, "but", "while" and "whereas", and at commas,
    /// "and" and "or" unless these join two words of one class that is no clause of its own (a list: "Spain and Italy
    /// every summer", "peanuts, shellfish and eggs", "hiking and swimming"; but "Lyon and Kenji lives in Kyoto").</summary>
    private List<List<FactToken>> Clauses => _clauses ??= SplitClauses(_text);

    private static List<List<FactToken>> SplitClauses(string text)
    {
        var parts = ClauseBreak().Split(text);
        var clauses = new List<List<FactToken>>();
        var current = FactTokenizer.Tokenize(parts[0]);
        for (var i = 1; i + 1 < parts.Length; i += 2)
        {
            var next = FactTokenizer.Tokenize(parts[i + 1]);
            if (parts[i].Trim().ToLowerInvariant() is "," or "and" or "or" && ListGoesOn(current, next))
            {
                // The list's joint stays a word of the clause: "to Spain and Italy" is two places.
                current.Add(new FactToken("and", TokenClass.Word, null));
                current.AddRange(next);
            }
            else
            {
                clauses.Add(current);
                current = next;
            }
        }

        clauses.Add(current);
        return clauses;

        // "Tom lives in Paris and Anna in London": a part that holds a second word of the class is a clause of its own.
        static bool ListGoesOn(List<FactToken> before, List<FactToken> after) =>
            before.Count > 0 && after.Count > 0 && before[^1].Class == after[0].Class &&
            !EnglishStopWords.Contains(before[^1].Lower) && !EnglishStopWords.Contains(after[0].Lower) &&
            (after[0].Class == TokenClass.Word || after.FindIndex(1, t => t.Class == after[0].Class) < 0) &&
            !(after.Count > 1 && after[1].Class == TokenClass.Word && !EnglishStopWords.Contains(after[1].Lower) &&
              !DedupLexicon.FrequencyWords.Contains(after[1].Lower) && !DedupLexicon.WhenWords.Contains(after[1].Lower));
    }

    /// <summary>What each clause says, seen from <paramref name="other"/>: who it is about, in order (people such as "I",
    /// "me", "my son"; and apart, the names both texts hold that are no place after a preposition), then the rest as a
    /// sorted bag; the clauses sorted. A clause of fewer than two words stays with its neighbour; one about nobody new
    /// is about whom the clause before was. "My daughter is 5 and my son
    /// is 7" holds "my daughter | 5 daughter" and "my son | 7 son", so the ages swapped are other clauses; "I teach my
    /// son piano" and "my son teaches me piano" have their people in another order; "On Mondays I swim" and "I swim on
    /// Mondays" are one.</summary>
    private List<string> ClauseKeys(FactText other)
    {
        var keys = new List<(List<string> People, List<string> Names, List<string> Values)>();
        foreach (var clause in Clauses)
        {
            var people = new List<string>();
            var names = new List<string>();
            var values = new List<string>();
            var adjunct = false;
            for (var i = 0; i < clause.Count; i++)
            {
                var t = clause[i];
                if (t.Class == TokenClass.Name)
                {
                    var previous = i > 0 ? clause[i - 1].Lower : string.Empty;
                    adjunct = ParaphraseForm.Prepositions.Contains(previous) || (adjunct && previous is "and" or "or");
                    if (!adjunct && other._tokens.Exists(o => o.Class == TokenClass.Name && string.Equals(o.Lower, t.Lower, StringComparison.Ordinal)))
                    {
                        names.Add(t.Lower);
                    }
                    else
                    {
                        values.Add(PorterStemmer.Stem(t.Lower));
                    }
                }
                else if (ParaphraseForm.Person(clause, i) is { } person)
                {
                    // Someone after a preposition is where or with whom, not who ("I live in Leeds with my wife" / "With
                    // my wife, I live in Leeds").
                    if (i > 0 && ParaphraseForm.Prepositions.Contains(clause[i - 1].Lower))
                    {
                        values.Add(person);
                    }
                    else
                    {
                        people.Add(person);
                    }
                }
                else if (!(t.Class == TokenClass.Word && EnglishStopWords.Contains(t.Lower)))
                {
                    values.Add(t.Class == TokenClass.Word ? PorterStemmer.Stem(t.Lower)
                        : t.Class == TokenClass.Negation ? (DedupLexicon.IsAversion(t.Lower) ? PorterStemmer.Stem(t.Lower) : "not")
                        : t.Value ?? t.Lower);
                }
            }

            var size = people.Count + names.Count + values.Count;
            if (size == 0)
            {
                continue;
            }

            if (keys.Count > 0 && (size < 2 || keys[^1].People.Count + keys[^1].Names.Count + keys[^1].Values.Count < 2))
            {
                keys[^1].People.AddRange(people);
                keys[^1].Names.AddRange(names);
                keys[^1].Values.AddRange(values);
            }
            else if (keys.Count > 0 && people.Count + names.Count == 0)
            {
                // A clause about nobody new is about whom the one before was ("I have 3 cats and 2 dogs").
                keys.Add(([.. keys[^1].People], [.. keys[^1].Names], values));
            }
            else
            {
                keys.Add((people, names, values));
            }
        }

        if (keys.Count > 1 && keys[0].People.Count + keys[0].Names.Count == 0 && keys[1].People.Count + keys[1].Names.Count > 0)
        {
            // A leading clause about nobody is about whom the next one is ("With my wife, I live in Leeds").
            keys[1].Values.AddRange(keys[0].Values);
            keys.RemoveAt(0);
        }

        return keys.Select(k => string.Join(' ', k.People) + " / " + string.Join(' ', k.Names) + " | " + string.Join(' ', k.Values.Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(,(?!\d)|;|\b(?:and|or|but|while|whereas)\b)", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant, matchTimeoutMilliseconds: Text.RegexBudget.Milliseconds)]
    private static partial System.Text.RegularExpressions.Regex ClauseBreak();

    public static FactText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Cache.GetValue(text, static t => new FactText(t));
    }
}

using System.Runtime.CompilerServices;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>One fact text analysed for de-duplication: its normalised key (case, accents, punctuation and spacing
/// ignored), its <see cref="FactSignature"/>, its <see cref="SlotShape"/> if it has one, and the key it has with
/// its negation taken out (so "I like cats" and "I don't like cats" are seen as the same statement, negated), and its
/// content words.
/// Analyses are cached per string instance.</summary>
internal sealed class FactText
{
    private static readonly ConditionalWeakTable<string, FactText> Cache = new();

    private FactText(string text)
    {
        var tokens = FactTokenizer.Tokenize(text);
        PastState = IsPastState(tokens);
        Key = AccentFolding.Fold(string.Join(' ', tokens.Select(t => t.Lower)));
        Signature = new FactSignature(tokens);
        Slot = SlotShape.Of(tokens);
        // "I used to smoke" has the key of "I smoke": its past is what PastState says.
        var usedTo = PastState ? tokens.ToList().FindIndex(t => t.Lower == "used") : -1;
        PolarityFreeKey = string.Join(' ', tokens
            .Where((t, i) => t.Class != TokenClass.Negation && !DedupLexicon.PolarityNeutral.Contains(t.Lower) &&
                (usedTo < 0 || (i != usedTo && i != usedTo + 1)))
            .Select(t => PorterStemmer.Stem(t.Lower)));

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
        _directions = Directions(tokens, content);
        _relationWords = tokens.Select(t => t.Lower).Where(DedupLexicon.Opposites.ContainsKey).ToHashSet(StringComparer.Ordinal);
        Opaque = text.Length > OpaqueLength || tokens.Exists(t => t.Lower.Length == 1 && FactTokenizer.IsUnspacedScript(t.Lower[0]));
    }

    /// <summary>Past this many characters a sentence model's cosine no longer shows a changed word (MiniLM reads 256
    /// word pieces, and one word of hundreds barely moves the vector).</summary>
    private const int OpaqueLength = 300;

    private readonly HashSet<string> _relationWords;
    private readonly List<string> _directions;

    /// <summary>What the order words relate, as "left word right" ("tea over coffee"; "from boston to denver" however
    /// the sentence is ordered), sorted.</summary>
    private static List<string> Directions(List<FactToken> tokens, List<(int Index, string Word)> content)
    {
        string After(int i) => content.Find(c => c.Index > i).Word ?? string.Empty;
        string Before(int i) => content.FindLast(c => c.Index < i).Word ?? string.Empty;
        var directions = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var word = tokens[i].Lower;
            if (!DedupLexicon.OrderWords.Contains(word))
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

    public string Key { get; }

    /// <summary>The statement says how things were, not how they are: "I had a dog", "I was vegetarian", "the user
    /// used to smoke". Against the same statement in the present it is a change, not a duplicate.</summary>
    public bool PastState { get; }

    private static bool IsPastState(IReadOnlyList<FactToken> tokens)
    {
        var i = tokens.Count > 0 && tokens[0].Lower is "i" or "we" ? 1
            : tokens.Count > 1 && tokens[0].Lower == "the" && tokens[1].Lower == "user" ? 2
            : -1;
        return i > 0 && i < tokens.Count &&
            (tokens[i].Lower is "had" or "was" or "were" || (tokens[i].Lower == "used" && i + 1 < tokens.Count && tokens[i + 1].Lower == "to"));
    }
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
    public bool Subsumes(FactText other) =>
        Signature.Covers(other.Signature) && other.ContentWords.IsSubsetOf(ContentWords) && !Reverses(other);

    /// <summary>True when one text has a small word where the other has its opposite ("before" / "after").</summary>
    public bool Reverses(FactText other) =>
        _relationWords.Any(w => !other._relationWords.Contains(w) && DedupLexicon.Opposites[w].Any(o => other._relationWords.Contains(o) && !_relationWords.Contains(o)));

    /// <summary>True when both texts hold the same words, names and details, and the order that carries meaning
    /// differs: what an order word relates ("tea over coffee" / "coffee over tea", "from Boston to Denver"), or a
    /// ranked list's sequence. Other reorderings ("On Mondays I swim", "coffee and tea") are the same fact.</summary>
    public bool Reorders(FactText other) =>
        !Sequence.SequenceEqual(other.Sequence, StringComparer.Ordinal) &&
        Sequence.Order(StringComparer.Ordinal).SequenceEqual(other.Sequence.Order(StringComparer.Ordinal), StringComparer.Ordinal) &&
        ((Ranked || other.Ranked) || !_directions.SequenceEqual(other._directions, StringComparer.Ordinal));

    public static FactText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Cache.GetValue(text, static t => new FactText(t));
    }
}

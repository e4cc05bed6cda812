using System.Runtime.CompilerServices;
using Memory.Text;

namespace Memory.Dedup;

/// <summary>One fact text analysed for de-duplication: its normalised key (case, punctuation and spacing
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
        Key = string.Join(' ', tokens.Select(t => t.Lower));
        Signature = new FactSignature(tokens);
        Slot = SlotShape.Of(tokens);
        ContentWords = tokens.Where(t => t.Class == TokenClass.Word && !EnglishStopWords.Contains(t.Lower))
            .Select(t => PorterStemmer.Stem(t.Lower)).ToHashSet(StringComparer.Ordinal);
        PolarityFreeKey = string.Join(' ', tokens
            .Where(t => t.Class != TokenClass.Negation && !DedupLexicon.PolarityNeutral.Contains(t.Lower))
            .Select(t => PorterStemmer.Stem(t.Lower)));
    }

    public string Key { get; }
    public FactSignature Signature { get; }
    public SlotShape? Slot { get; }
    public string PolarityFreeKey { get; }

    /// <summary>Stems of the ordinary content words (no stop words, no details).</summary>
    public IReadOnlySet<string> ContentWords { get; }

    /// <summary>True when this text keeps every detail and every content word of <paramref name="other"/>: it can
    /// stand for it without losing anything.</summary>
    public bool Subsumes(FactText other) => Signature.Covers(other.Signature) && other.ContentWords.IsSubsetOf(ContentWords);

    public static FactText Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Cache.GetValue(text, static t => new FactText(t));
    }
}

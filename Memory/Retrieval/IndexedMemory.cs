using Memory.Model;
using Memory.Text;

namespace Memory.Retrieval;

/// <summary>A memory analysed for lexical retrieval: its term counts, length in terms and profile category.</summary>
internal sealed class IndexedMemory
{
    private IndexedMemory(MemoryItem item, Dictionary<string, int> termCounts, int length, ProfileCategory profile)
    {
        Item = item;
        TermCounts = termCounts;
        Length = length;
        Profile = profile;
    }

    public MemoryItem Item { get; }

    /// <summary>Stemmed non-stop-word terms and how often each occurs.</summary>
    public IReadOnlyDictionary<string, int> TermCounts { get; }

    /// <summary>Number of terms (document length for BM25).</summary>
    public int Length { get; }

    public ProfileCategory Profile { get; }

    // 1 / the stored vector's length (0 for no vector or a zero one), computed once: cosines against the memory are
    // then one dot product instead of three passes. NaN: not computed yet (a race computes the same value twice).
    private float _inverseNorm = float.NaN;

    /// <summary>1 / the length of the stored vector; 0 when there is none or it has no direction.</summary>
    public float InverseNorm
    {
        get
        {
            var known = _inverseNorm;
            if (float.IsNaN(known))
            {
                known = InverseNormOf(Item.Embedding);
                _inverseNorm = known;
            }

            return known;
        }
    }

    /// <summary>1 / the length of <paramref name="vector"/>; 0 for an empty, zero or non-finite one.</summary>
    public static float InverseNormOf(ReadOnlySpan<float> vector)
    {
        if (vector.IsEmpty)
        {
            return 0;
        }

        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        return norm > 0 && float.IsFinite(norm) ? 1 / norm : 0;
    }

    // The text's token count for the last model asked about: a user's memories are costed for the same model on
    // request after request, and counting is the dominant cost of budgeting.
    // (A reference, so concurrent requests swap it whole.)
    private TokenCountEntry? _tokens;

    /// <summary>Tokens of the text for <paramref name="model"/>'s encoding, remembered for the last model asked.</summary>
    public int TokenCount(ITokenCounter counter, string? model)
    {
        if (_tokens is { } known && string.Equals(known.Model, model, StringComparison.Ordinal))
        {
            return known.Count;
        }

        var count = counter.Count(Item.Text, model);
        _tokens = new TokenCountEntry(model, count);
        return count;
    }

    private sealed record TokenCountEntry(string? Model, int Count);

    // Answer types the text holds (QueryForms.AnswerTypes.Mask), read on first use: -1 until then.
    private int _answerTypes = -1;

    /// <summary>Whether the text holds an answer of <paramref name="type"/> (a date for "When ...?"), read once.</summary>
    public bool Holds(QueryForms.AnswerType type)
    {
        var mask = Volatile.Read(ref _answerTypes);
        if (mask < 0)
        {
            mask = QueryForms.AnswerTypes.Mask(Item.Text);
            Volatile.Write(ref _answerTypes, mask);
        }

        return (mask & (1 << (int)type)) != 0;
    }

    /// <summary>Rough heap size, for the index cache's memory bound.</summary>
    public long EstimatedBytes =>
        200 + (Item.Text.Length * 2L) + ((Item.Embedding?.Length ?? 0) * 4L) + (TermCounts.Count * 64L);

    public static IndexedMemory Analyse(MemoryItem item) => Analyse(item, irregularVerbForms: false);

    /// <summary>Analyses <paramref name="item"/> with <see cref="LexicalAnalyzer"/>.</summary>
    public static IndexedMemory Analyse(MemoryItem item, bool irregularVerbForms)
    {
        ArgumentNullException.ThrowIfNull(item);
        var terms = LexicalAnalyzer.Terms(item.Text, irregularVerbForms);
        var counts = new Dictionary<string, int>(terms.Count, StringComparer.Ordinal);
        foreach (var term in terms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return new IndexedMemory(item, counts, terms.Count, ProfileClassifier.Classify(item));
    }
}

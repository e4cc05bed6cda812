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

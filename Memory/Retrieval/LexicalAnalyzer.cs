using Memory.Text;

namespace Memory.Retrieval;

/// <summary>BM25's index terms: <see cref="TextAnalyzer.Terms"/>, with irregular past forms first mapped to their base
/// form when <see cref="RetrievalOptions.IrregularVerbForms"/> is on (<see cref="IrregularForms"/>). Kept apart from
/// <see cref="TextAnalyzer"/> so the hash embedder's features (and its model id) do not change.</summary>
internal static class LexicalAnalyzer
{
    public static List<string> Terms(string? text, bool irregularVerbForms)
    {
        if (!irregularVerbForms)
        {
            return TextAnalyzer.Terms(text);
        }

        var words = TextAnalyzer.Words(text);
        var terms = new List<string>(words.Count);
        foreach (var word in words)
        {
            var baseForm = IrregularForms.BaseOf(word);
            if (!EnglishStopWords.Contains(baseForm) && !EnglishStopWords.Contains(word))
            {
                terms.Add(PorterStemmer.Stem(baseForm));
            }
        }

        return terms;
    }
}

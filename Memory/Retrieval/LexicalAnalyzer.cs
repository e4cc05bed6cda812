using Memory.Text;

namespace Memory.Retrieval;

/// <summary>BM25's index terms: <see cref="TextAnalyzer.Terms"/>, with irregular past forms first mapped to their base
/// form when <see cref="RetrievalOptions.IrregularVerbForms"/> is on (<see cref="IrregularForms"/>). Kept apart from
/// <see cref="TextAnalyzer"/> so the hash embedder's features (and its model id) do not change.</summary>
internal static class LexicalAnalyzer
{
    private static readonly Func<string, string> BaseForm = IrregularForms.BaseOf;

    public static List<string> Terms(string? text, bool irregularVerbForms) =>
        TextAnalyzer.Terms(text, irregularVerbForms ? BaseForm : null);
}

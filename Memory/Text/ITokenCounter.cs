namespace Memory.Text;

/// <summary>Counts tokens the way the upstream model does (tiktoken encodings via Microsoft.ML.Tokenizers), for
/// memory and context-window budgets.</summary>
public interface ITokenCounter
{
    int Count(string text, string? model = null);

    /// <summary>The same exact count as <see cref="Count"/>, for text made of lines that recur from call to call (a
    /// prompt template, a memory block): a counter may remember the counts of such lines. By default, a plain count.</summary>
    int CountLines(string text, string? model = null) => Count(text, model);
}

namespace Memory.Text;

/// <summary>Counts tokens the way the upstream model does (tiktoken encodings via Microsoft.ML.Tokenizers), for
/// memory and context-window budgets.</summary>
public interface ITokenCounter
{
    int Count(string text, string? model = null);
}

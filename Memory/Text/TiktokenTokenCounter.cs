using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Memory.Text;

/// <summary>Token counts with the tiktoken encoding of the named model: o200k for the GPT-4o/4.1/5 and o-series
/// families, cl100k for everything else (GPT-4, GPT-3.5 and the many open models served behind OpenAI-compatible
/// APIs, for which cl100k is a close, slightly conservative estimate).</summary>
internal sealed class TiktokenTokenCounter : ITokenCounter
{
    private readonly Lazy<Tokenizer> _cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private readonly Lazy<Tokenizer> _o200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private readonly Lazy<LineTokenCounts> _cl100kLines;
    private readonly Lazy<LineTokenCounts> _o200kLines;
    private readonly ConcurrentDictionary<string, bool> _usesO200k = new(StringComparer.OrdinalIgnoreCase);

    public TiktokenTokenCounter()
    {
        _cl100kLines = new(() => new LineTokenCounts(_cl100k.Value));
        _o200kLines = new(() => new LineTokenCounts(_o200k.Value));
    }

    public int Count(string text, string? model = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return LongRunTokenCount.Count((UsesO200k(model) ? _o200k : _cl100k).Value, text);
    }

    /// <summary>The exact count, from remembered line counts (<see cref="LineTokenCounts"/>): the system message's
    /// template lines and memory lines recur from request to request.</summary>
    public int CountLines(string text, string? model = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        return (UsesO200k(model) ? _o200kLines : _cl100kLines).Value.Count(text);
    }

    private bool UsesO200k(string? model)
    {
        if (string.IsNullOrEmpty(model))
        {
            return false;
        }

        var o200k = _usesO200k.GetOrAdd(model, static m =>
            m.StartsWith("gpt-4o", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("gpt-4.1", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("gpt-4.5", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("gpt-5", StringComparison.OrdinalIgnoreCase) ||
            m.StartsWith("chatgpt-4o", StringComparison.OrdinalIgnoreCase) ||
            (m.Length > 1 && m[0] is 'o' or 'O' && char.IsDigit(m[1])));
        return o200k;
    }
}

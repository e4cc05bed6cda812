using Microsoft.ML.Tokenizers;

namespace Memory.Embeddings.Onnx;

/// <summary>WordPiece tokenisation as uncased BERT does it (clean text, split CJK ideographs, lower-case, strip
/// accents, split punctuation), framed as <c>[CLS] … [SEP]</c> and truncated to the model's token budget exactly as
/// Hugging Face tokenizers truncate: the first <c>MaxTokens - 2</c> word pieces, even mid-word.</summary>
internal sealed class SentenceTokenizer
{
    // A first guess at how many characters the budget's tokens span; doubled until enough tokens are seen.
    private const int CharsPerTokenGuess = 6;

    private readonly BertTokenizer _tokenizer;

    private SentenceTokenizer(BertTokenizer tokenizer, int maxTokens)
    {
        _tokenizer = tokenizer;
        MaxTokens = maxTokens;
    }

    /// <summary>Most ids <see cref="Encode"/> returns, special tokens included.</summary>
    public int MaxTokens { get; }

    /// <summary>Id that fills the padded tail of shorter texts in a batch.</summary>
    public int PaddingId => _tokenizer.PaddingTokenId;

    public static SentenceTokenizer Load(string vocabPath, bool uncased, int maxTokens)
    {
        var options = new BertOptions
        {
            LowerCaseBeforeTokenization = uncased,
            RemoveNonSpacingMarks = uncased,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            // A user who writes "[SEP]" means the characters, not the control token.
            SplitOnSpecialTokens = false,
        };
        return new SentenceTokenizer(BertTokenizer.Create(vocabPath, options), maxTokens);
    }

    /// <summary>Token ids of <paramref name="text"/>: <c>[CLS]</c>, at most <see cref="MaxTokens"/> - 2 word pieces,
    /// <c>[SEP]</c>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var budget = MaxTokens - 2;
        var pieces = EncodeLeadingPieces(text, budget);
        var count = Math.Min(pieces.Count, budget);
        var ids = new int[count + 2];
        ids[0] = _tokenizer.ClassificationTokenId;
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = pieces[i];
        }

        ids[count + 1] = _tokenizer.SeparatorTokenId;
        return ids;
    }

    // Word pieces never cross whitespace, so the pieces of a prefix cut at whitespace are the leading pieces of the
    // whole text: a very long text costs only the prefix that fills the budget.
    private IReadOnlyList<int> EncodeLeadingPieces(string text, int budget)
    {
        var span = Math.Max(budget * CharsPerTokenGuess, 64);
        while (true)
        {
            var cut = span >= text.Length ? text.Length : LastWhitespaceBefore(text, span);
            if (cut >= 0)
            {
                var pieces = _tokenizer.EncodeToIds(text.AsSpan(0, cut), addSpecialTokens: false);
                if (pieces.Count >= budget || cut == text.Length)
                {
                    return pieces;
                }
            }

            span = span > text.Length / 2 ? text.Length : span * 2;
        }
    }

    private static int LastWhitespaceBefore(string text, int end)
    {
        for (var i = end; i > 0; i--)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}

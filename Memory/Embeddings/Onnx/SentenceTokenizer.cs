using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Memory.Embeddings.Onnx;

/// <summary>WordPiece tokenisation as uncased BERT does it (clean text, split CJK ideographs, lower-case, strip
/// accents, split punctuation: <see cref="BertTextCleaner"/> and Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>), framed as <c>[CLS] … [SEP]</c> and truncated to the model's token budget exactly as
/// Hugging Face tokenizers truncate: the first <c>MaxTokens - 2</c> word pieces, even mid-word.</summary>
internal sealed partial class SentenceTokenizer
{
    // A first guess at how many characters the budget's tokens span; doubled until enough tokens are seen.
    private const int CharsPerTokenGuess = 6;

    private readonly BertTokenizer _tokenizer;
    private readonly bool _uncased;

    private SentenceTokenizer(BertTokenizer tokenizer, bool uncased, int maxTokens)
    {
        _tokenizer = tokenizer;
        _uncased = uncased;
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
            // BertTextCleaner strips accents (non-spacing marks only, as BERT does, on any host); the library's own
            // stripping also drops spacing marks (Devanagari vowel signs, for one) and needs ICU to decompose.
            RemoveNonSpacingMarks = false,
            ApplyBasicTokenization = true,
            IndividuallyTokenizeCjk = true,
            // A user who writes "[SEP]" means the characters, not the control token.
            SplitOnSpecialTokens = false,
            PreTokenizer = new RegexPreTokenizer(BertWordOrPunctuation(), specialTokens: null),
        };
        return new SentenceTokenizer(BertTokenizer.Create(vocabPath, options), uncased, maxTokens);
    }

    /// <summary>Token ids of <paramref name="text"/>: <c>[CLS]</c>, at most <see cref="MaxTokens"/> - 2 word pieces,
    /// <c>[SEP]</c>.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var budget = MaxTokens - 2;
        var pieces = EncodeLeadingPieces(BertTextCleaner.Clean(text, _uncased), budget);
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

    // BERT's split: runs of characters that are neither whitespace nor punctuation, and each punctuation character
    // alone, punctuation being Unicode's P categories plus every ASCII symbol. (The library's default splits on \w,
    // which leaves out spacing marks such as Devanagari vowel signs and so drops them.)
    [GeneratedRegex(@"[^\s\p{P}!-/:-@\[-`{-~]+|[\p{P}!-/:-@\[-`{-~]", RegexOptions.CultureInvariant)]
    private static partial Regex BertWordOrPunctuation();

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

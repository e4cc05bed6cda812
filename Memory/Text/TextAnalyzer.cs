using System.Text;

namespace Memory.Text;

/// <summary>Splits text into normalised words (lower case, accents folded, possessive "'s" and other apostrophes
/// removed) and into index terms (normalised words minus stop words, Porter-stemmed). BM25 and the hash
/// embedding both use it, so a memory and a query are always analysed alike.</summary>
internal static class TextAnalyzer
{
    /// <summary>Normalised words in order, stop words included.</summary>
    public static List<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var current = new StringBuilder(32);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsIdeograph(c))
            {
                // Scripts written without spaces: each character is a word of its own.
                Flush(current, words);
                words.Add(c.ToString());
            }
            else if (char.IsLetterOrDigit(c))
            {
                AccentFolding.AppendFolded(c, current);
            }
            else if (c is >= '\u0300' and <= '\u036F' && current.Length > 0)
            {
                // A combining accent inside a word (decomposed input): dropped, the word continues.
            }
            else if (IsApostrophe(c) && current.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                // "caroline's" -> "caroline", "don't" -> "dont": the possessive goes, contractions close up.
                if ((text[i + 1] is 's' or 'S') && (i + 2 >= text.Length || !char.IsLetterOrDigit(text[i + 2])))
                {
                    i++;
                }
            }
            else
            {
                Flush(current, words);
            }
        }

        Flush(current, words);
        return words;
    }

    /// <summary>Index terms: normalised words that are not stop words, stemmed. <paramref name="map"/>, when given,
    /// rewrites each word before stemming (a word is dropped when it or its rewrite is a stop word).</summary>
    public static List<string> Terms(string? text, Func<string, string>? map = null)
    {
        var words = Words(text);
        var terms = new List<string>(words.Count);
        foreach (var word in words)
        {
            var mapped = map is null ? word : map(word);
            if (!EnglishStopWords.Contains(mapped) && (ReferenceEquals(mapped, word) || !EnglishStopWords.Contains(word)))
            {
                terms.Add(PorterStemmer.Stem(mapped));
            }
        }

        return terms;
    }

    private static bool IsIdeograph(char c) =>
        c is (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF')
            or (>= '\uAC00' and <= '\uD7AF') or (>= '\uF900' and <= '\uFAFF');

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u02BC';

    private static void Flush(StringBuilder current, List<string> words)
    {
        if (current.Length > 0)
        {
            words.Add(current.ToString());
            current.Clear();
        }
    }
}

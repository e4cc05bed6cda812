using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;

namespace Memory.Text;

/// <summary>Exact tiktoken counts of multi-line text from remembered per-line counts. The cl100k and o200k
/// pre-tokenizers never put a line break and a following character other than whitespace or '/' in one piece (every
/// pattern that can match a line break ends with line breaks, or with line breaks and slashes for o200k), so the
/// text cut after such a line break counts as the sum of its parts, and a part seen before is not counted again.
/// Bounded: when full, the remembered counts are dropped and relearned.</summary>
internal sealed class LineTokenCounts(Tokenizer tokenizer, int capacity = LineTokenCounts.DefaultCapacity, int maxLineLength = LineTokenCounts.DefaultMaxLineLength)
{
    public const int DefaultCapacity = 8192;
    public const int DefaultMaxLineLength = 512;

    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _added;

    /// <summary>Lines remembered now.</summary>
    internal int Remembered => _counts.Count;

    public int Count(string text)
    {
        var lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var total = 0;
        var start = 0;
        var span = text.AsSpan();
        while (start < span.Length)
        {
            var end = NextCut(span, start);
            var part = span[start..end];
            if (!lookup.TryGetValue(part, out var count))
            {
                count = LongRunTokenCount.Count(tokenizer, part);
                if (part.Length <= maxLineLength)
                {
                    // Counted here rather than asked of the dictionary, whose Count takes every lock.
                    if (Volatile.Read(ref _added) >= capacity)
                    {
                        _counts.Clear();
                        Volatile.Write(ref _added, 0);
                    }

                    if (lookup.TryAdd(part, count))
                    {
                        Interlocked.Increment(ref _added);
                    }
                }
            }

            total += count;
            start = end;
        }

        return total;
    }

    /// <summary>Where the part starting at <paramref name="start"/> ends: just after the first line break that is
    /// followed by a character no pre-tokenizer piece can join to it, else the end of the text.</summary>
    internal static int NextCut(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        while (true)
        {
            var newline = text[i..].IndexOf('\n');
            if (newline < 0)
            {
                return text.Length;
            }

            i += newline + 1;
            if (i >= text.Length)
            {
                return text.Length;
            }

            if (IsCut(text[i]))
            {
                return i;
            }
        }
    }

    /// <summary>Whether the text may be cut before <paramref name="next"/> when a line break precedes it.</summary>
    private static bool IsCut(char next) => !char.IsWhiteSpace(next) && !char.IsControl(next) && next != '/';
}

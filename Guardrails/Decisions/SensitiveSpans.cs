using Guardrails.Checks;

namespace Guardrails.Decisions;

/// <summary>The sensitive spans of one text ordered by start, so that each finding's excerpt looks only at the spans
/// near it: a text with thousands of findings builds its excerpts in n log n, not n² (every excerpt used to scan
/// every span).</summary>
internal sealed class SensitiveSpans
{
    private readonly Detection[] _spans;
    private readonly int _longest;

    public SensitiveSpans(IEnumerable<Detection> spans)
    {
        _spans = [.. spans.OrderBy(s => s.Start)];
        _longest = _spans.Length == 0 ? 0 : _spans.Max(s => s.Length);
    }

    /// <summary>Every span that overlaps or lies within [<paramref name="from"/>, <paramref name="to"/>), in order of
    /// start (with some that end before <paramref name="from"/>).</summary>
    public ReadOnlySpan<Detection> Near(int from, int to)
    {
        var first = FirstStartingAt((long)from - _longest);
        var end = FirstStartingAt(to);
        return _spans.AsSpan(first, Math.Max(0, end - first));
    }

    private int FirstStartingAt(long position)
    {
        int lo = 0, hi = _spans.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_spans[mid].Start < position)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}

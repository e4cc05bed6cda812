using System.Buffers;

namespace Guardrails.Checks;

/// <summary>How a match cut off by the end of a streamed window may go on: the streaming guard writes the
/// placeholder at once and then swallows what continues the match, so nothing of a long secret leaks and the
/// hold-back stays bounded.</summary>
internal abstract class SpanContinuation
{
    /// <summary>Characters of a token (API keys, JWTs): base64url, base64 and dots.</summary>
    public static SpanContinuation Token { get; } = new CharsetContinuation(
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=~"));

    /// <summary>Characters of a host name (the domain of an e-mail address).</summary>
    public static SpanContinuation HostName { get; } = new CharsetContinuation(
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-."));

    /// <summary>Starts a fresh consumer for one stream (continuations may keep state, such as a PEM footer split
    /// across chunks).</summary>
    public abstract ISpanSwallower Begin();
}

/// <summary>The per-stream state of a continuation.</summary>
internal interface ISpanSwallower
{
    /// <summary>Returns how many leading characters of <paramref name="text"/> still belong to the match, and
    /// whether the match has ended within <paramref name="text"/>.</summary>
    int Swallow(ReadOnlySpan<char> text, out bool ended);
}

internal sealed class CharsetContinuation(SearchValues<char> chars) : SpanContinuation
{
    public override ISpanSwallower Begin() => new Swallower(chars);

    private sealed class Swallower(SearchValues<char> chars) : ISpanSwallower
    {
        public int Swallow(ReadOnlySpan<char> text, out bool ended)
        {
            var stop = text.IndexOfAnyExcept(chars);
            ended = stop >= 0;
            return ended ? stop : text.Length;
        }
    }
}

/// <summary>Swallows everything up to and including a footer line such as <c>-----END RSA PRIVATE KEY-----</c>,
/// however long the body, keeping only a short carry to find a footer split across chunks.</summary>
internal sealed class TerminatorContinuation(string open, string close, int maxFooterLength) : SpanContinuation
{
    public override ISpanSwallower Begin() => new Swallower(open, close, maxFooterLength);

    private sealed class Swallower(string open, string close, int maxFooterLength) : ISpanSwallower
    {
        private string _carry = string.Empty;

        public int Swallow(ReadOnlySpan<char> text, out bool ended)
        {
            var joined = string.Concat(_carry, text);
            var at = joined.IndexOf(open, StringComparison.Ordinal);
            if (at >= 0)
            {
                var closeAt = joined.IndexOf(close, at + open.Length, StringComparison.Ordinal);
                if (closeAt >= 0 && closeAt - at <= maxFooterLength)
                {
                    ended = true;
                    var consumed = closeAt + close.Length - _carry.Length;
                    _carry = string.Empty;
                    return Math.Clamp(consumed, 0, text.Length);
                }

                if (joined.Length - at <= maxFooterLength)
                {
                    // The footer has begun but not finished: keep it and wait.
                    ended = false;
                    _carry = joined[at..];
                    return text.Length;
                }
            }

            ended = false;
            var keep = Math.Min(joined.Length, open.Length);
            _carry = joined[^keep..];
            return text.Length;
        }
    }
}

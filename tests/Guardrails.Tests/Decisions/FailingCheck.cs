using System.Text.RegularExpressions;
using Guardrails.Checks;
using Microsoft.Extensions.Time.Testing;

namespace Guardrails.Tests.Decisions;

/// <summary>A check of a real family that fails the way a pathological input makes checks fail: a pattern
/// timing out, or (with a clock) a scan that takes longer than the budget while it keeps finding things.</summary>
internal sealed class FailingCheck(string family, FakeTimeProvider? clock = null) : IGuardrailCheck
{
    public string Family => family;

    public int StreamWindow => 0;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (clock is null)
        {
            throw new RegexMatchTimeoutException(text, "pattern", TimeSpan.FromSeconds(1));
        }

        for (var i = 0; i < text.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(300));
            context.Budget?.ThrowIfExceeded();
            yield return new Detection($"{family}.probe", i, 1, Placeholders.Redacted, Score: 0.1);
        }
    }
}

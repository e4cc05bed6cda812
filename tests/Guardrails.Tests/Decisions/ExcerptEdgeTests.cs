using Guardrails.Checks;
using Guardrails.Decisions;

namespace Guardrails.Tests.Decisions;

/// <summary>An audit excerpt never cuts a sensitive span at its edges, even where two spans overlap.</summary>
public sealed class ExcerptEdgeTests
{
    [Fact]
    public void Moving_an_edge_off_one_span_does_not_leave_an_overlapping_one_cut()
    {
        // The finding at 16-18; span A (20-32) and span B (30-40) overlap. The excerpt window first ends at 37, inside
        // B: moved back to 30, it then cuts A, which must move it again rather than show A's first ten characters.
        var text = new string('.', 16) + "FF" + ".." + new string('A', 10) + new string('B', 10) + new string('.', 20);
        var finding = new Detection("blocklist.words", 16, 2, "[REDACTED]");
        var spans = new SensitiveSpans([new Detection("pii.card", 20, 12, "[CARD]"), new Detection("secret.generic", 30, 10, "[SECRET]")]);

        var excerpt = ExcerptBuilder.Build(text, finding, spans, maxChars: 40);

        Assert.DoesNotContain("A", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain("B", excerpt, StringComparison.Ordinal);
    }
}

using Memory.Dedup;

namespace Memory.Tests.Dedup;

/// <summary>Properties of the de-duplication rule over generated pairs (<see cref="FactPairGenerator"/>): a changed
/// number, name, date, time or unit, or an added negation, is never absorbed; a surface variation or a
/// paraphrase with every detail kept is; an added detail refines. Seeds are fixed so a failure replays.</summary>
public sealed class DedupRulePropertyTests
{
    private const int Cases = 400;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_changed_detail_is_never_absorbed(int seed)
    {
        var generator = new FactPairGenerator(seed);
        for (var i = 0; i < Cases; i++)
        {
            var template = generator.PickTemplate();
            var values = generator.Fill();
            var stored = FactPairGenerator.Render(template.Text, values);
            var incoming = FactPairGenerator.Render(template.Text, generator.Vary(template, values, out var changed));

            foreach (var similar in new[] { true, false })
            {
                var verdict = DedupRule.Compare(stored, incoming, similar).Verdict;
                var expected = template.Slot ? DedupVerdict.SlotChange : DedupVerdict.Distinct;
                Assert.True(verdict == expected, $"'{stored}' -> '{incoming}' ({changed} changed, similar={similar}): {verdict}, expected {expected}");
            }
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void A_surface_variation_or_a_paraphrase_with_every_detail_kept_is_a_duplicate(int seed)
    {
        var generator = new FactPairGenerator(seed);
        for (var i = 0; i < Cases; i++)
        {
            var template = generator.PickTemplate();
            var values = generator.Fill();
            var stored = FactPairGenerator.Render(template.Text, values);
            var surface = generator.Surface(stored);
            var paraphrase = FactPairGenerator.Render(template.Paraphrase, values);

            Assert.True(DedupRule.Compare(stored, surface, similar: false).Verdict == DedupVerdict.Duplicate, $"'{stored}' -> '{surface}'");
            var verdict = DedupRule.Compare(stored, paraphrase, similar: true);
            Assert.True(verdict is { Verdict: DedupVerdict.Duplicate, Differences: DetailKinds.None }, $"'{stored}' -> '{paraphrase}': {verdict}");
            Assert.True(DedupRule.Interchangeable(paraphrase, stored), $"'{paraphrase}' <-> '{stored}'");
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void A_negated_statement_is_never_absorbed_and_replaces_the_same_statement(int seed)
    {
        var generator = new FactPairGenerator(seed);
        var negatable = FactPairGenerator.Templates.Where(t => t.Negatable).ToArray();
        for (var i = 0; i < Cases; i++)
        {
            var template = negatable[i % negatable.Length];
            var values = generator.Fill();
            var stored = FactPairGenerator.Render(template.Text, values);
            var negated = i % 2 == 0
                ? stored.Replace("I ", "I don't ", StringComparison.Ordinal)
                : stored.Replace("I ", "I never ", StringComparison.Ordinal);

            foreach (var (a, b) in new[] { (stored, negated), (negated, stored) })
            {
                var verdict = DedupRule.Compare(a, b, similar: true);
                Assert.True(verdict is { Verdict: DedupVerdict.SlotChange, Reason: HistoryReasons.Negated }, $"'{a}' -> '{b}': {verdict}");
            }
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    public void An_added_detail_refines_and_a_dropped_one_adds_nothing(int seed)
    {
        var generator = new FactPairGenerator(seed);
        for (var i = 0; i < Cases; i++)
        {
            var template = generator.PickTemplate();
            var values = generator.Fill();
            var stored = FactPairGenerator.Render(template.Text, values).TrimEnd('.', '!', ' ');
            var extra = values.Values.Contains("Nadia", StringComparer.Ordinal) ? "Yusuf" : "Nadia";
            var detailed = i % 2 == 0 ? $"{stored}, together with {extra}." : $"{stored}, since {2000 + i % 20} BC.";
            if (template.Slot && i % 2 == 1)
            {
                continue;
            }

            var refined = DedupRule.Compare(stored, detailed, similar: true);
            Assert.True(refined.Verdict is DedupVerdict.Refinement or DedupVerdict.SlotChange, $"'{stored}' -> '{detailed}': {refined}");
            Assert.NotEqual(DedupVerdict.Duplicate, refined.Verdict);
            Assert.True(DedupRule.Compare(detailed, stored, similar: true).Verdict != DedupVerdict.Distinct, $"'{detailed}' -> '{stored}'");
            Assert.True(DedupRule.Keeps(detailed, stored), $"'{detailed}' keeps '{stored}'");
            Assert.False(DedupRule.Keeps(stored, detailed), $"'{stored}' does not keep '{detailed}'");
        }
    }
}

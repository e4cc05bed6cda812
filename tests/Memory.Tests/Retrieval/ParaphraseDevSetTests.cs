using Memory.Text;

namespace Memory.Tests.Retrieval;

/// <summary>The paraphrase dev set keeps the properties it is built on.</summary>
public class ParaphraseDevSetTests
{
    [Fact]
    public void The_set_has_at_least_150_pairs_over_many_life_domains()
    {
        Assert.True(ParaphraseDevSet.Pairs.Count >= 150, $"{ParaphraseDevSet.Pairs.Count} pairs");
        Assert.True(ParaphraseDevSet.Pairs.Select(p => p.Domain).Distinct().Count() >= 12);
        Assert.Equal(ParaphraseDevSet.Pairs.Count, ParaphraseDevSet.Pairs.Select(p => p.Id).Distinct().Count());
        var texts = ParaphraseDevSet.Pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void No_question_shares_a_content_word_with_its_memory()
    {
        var offenders = ParaphraseDevSet.Pairs
            .Select(p => (p.Id, Shared: TextAnalyzer.Terms(p.Question).Intersect(TextAnalyzer.Terms(p.Memory), StringComparer.Ordinal).ToList()))
            .Where(p => p.Shared.Count > 0)
            .Select(p => $"{p.Id}: {string.Join(", ", p.Shared)}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.All(ParaphraseDevSet.Pairs, p => Assert.NotEmpty(TextAnalyzer.Terms(p.Question)));
    }

    [Fact]
    public void Every_question_has_a_distractor_sharing_one_of_its_words()
    {
        var offenders = ParaphraseDevSet.Pairs
            .Where(p => p.Distractors.Count == 0 ||
                p.Distractors.Any(d => !TextAnalyzer.Terms(d).Intersect(TextAnalyzer.Terms(p.Question), StringComparer.Ordinal).Any()))
            .Select(p => p.Id)
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }
}

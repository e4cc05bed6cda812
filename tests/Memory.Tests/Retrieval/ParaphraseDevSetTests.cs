using Memory.Text;

namespace Memory.Tests.Retrieval;

/// <summary>The paraphrase sets keep the properties they are built on.</summary>
public class ParaphraseDevSetTests
{
    [Theory]
    [InlineData(ParaphraseDevSet.DevFile, 150, 12)]
    [InlineData(ParaphraseDevSet.HeldOutFile, 60, 12)]
    public void The_set_has_enough_pairs_over_many_life_domains(string file, int minimumPairs, int minimumDomains)
    {
        var pairs = ParaphraseDevSet.Of(file);
        Assert.True(pairs.Count >= minimumPairs, $"{pairs.Count} pairs");
        Assert.True(pairs.Select(p => p.Domain).Distinct().Count() >= minimumDomains);
        Assert.Equal(pairs.Count, pairs.Select(p => p.Id).Distinct().Count());
        var texts = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).ToList();
        Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_held_out_set_shares_no_memory_or_question_with_the_dev_set()
    {
        var dev = ParaphraseDevSet.Pairs.SelectMany(p => p.Distractors.Prepend(p.Memory).Append(p.Question)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shared = ParaphraseDevSet.HeldOut.SelectMany(p => p.Distractors.Prepend(p.Memory).Append(p.Question)).Where(dev.Contains).ToList();
        Assert.True(shared.Count == 0, string.Join("\n", shared));
        Assert.Empty(ParaphraseDevSet.HeldOut.Select(p => p.Id).Intersect(ParaphraseDevSet.Pairs.Select(p => p.Id)));
    }

    [Theory]
    [InlineData(ParaphraseDevSet.DevFile)]
    [InlineData(ParaphraseDevSet.HeldOutFile)]
    public void No_question_shares_a_content_word_with_its_memory(string file)
    {
        var pairs = ParaphraseDevSet.Of(file);
        var offenders = pairs
            .Select(p => (p.Id, Shared: TextAnalyzer.Terms(p.Question).Intersect(TextAnalyzer.Terms(p.Memory), StringComparer.Ordinal).ToList()))
            .Where(p => p.Shared.Count > 0)
            .Select(p => $"{p.Id}: {string.Join(", ", p.Shared)}")
            .ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.All(pairs, p => Assert.NotEmpty(TextAnalyzer.Terms(p.Question)));
    }

    [Theory]
    [InlineData(ParaphraseDevSet.DevFile)]
    [InlineData(ParaphraseDevSet.HeldOutFile)]
    public void Every_question_has_a_distractor_sharing_one_of_its_words(string file)
    {
        var offenders = ParaphraseDevSet.Of(file)
            .Where(p => p.Distractors.Count == 0 ||
                p.Distractors.Any(d => !TextAnalyzer.Terms(d).Intersect(TextAnalyzer.Terms(p.Question), StringComparer.Ordinal).Any()))
            .Select(p => p.Id)
            .ToList();
        Assert.True(offenders.Count == 0, string.Join(", ", offenders));
    }
}

using Memory.Probe;
using Memory.Text;

namespace Memory.Tests.Probe;

/// <summary>The probe's cases keep the properties its figures rely on.</summary>
public sealed class ProbeCasesTests
{
    [Fact]
    public void Every_paraphrase_question_shares_no_content_word_with_its_memory()
    {
        var offenders = ProbeCases.Paraphrases
            .Select(p => (p.Question, Shared: TextAnalyzer.Terms(p.Question).Intersect(TextAnalyzer.Terms(p.Memory)).ToList()))
            .Where(p => p.Shared.Count > 0)
            .Select(p => $"{p.Question} [{string.Join(", ", p.Shared)}]")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_question_shares_a_generic_word_with_some_distractor_or_none_is_needed()
    {
        // The distractors exist to tempt the lexical side: most questions must share a word with one of them.
        var tempted = ProbeCases.Paraphrases.Count(p =>
            ProbeCases.Distractors.Any(d => TextAnalyzer.Terms(d).Intersect(TextAnalyzer.Terms(p.Question)).Any()));
        Assert.True(tempted >= ProbeCases.Paraphrases.Count / 2, $"only {tempted} questions meet a distractor");
    }

    [Fact]
    public void Every_statement_mentions_the_word_its_fact_must_carry()
    {
        Assert.All(ProbeCases.Statements, s =>
            Assert.True(TextAnalyzer.Terms(s.MustMention).All(TextAnalyzer.Terms(s.Turn).Contains), s.Turn));
    }

    [Fact]
    public void Probe_cases_are_not_the_development_sets()
    {
        // The probe must measure what was not tuned on: none of its texts may appear in the data sets under tests/.
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gateway.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var data = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".tsv", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var probeTexts = ProbeCases.Paraphrases.SelectMany(p => new[] { p.Memory, p.Question })
            .Concat(ProbeCases.Statements.Select(s => s.Turn)).Concat(ProbeCases.NonStatements);
        Assert.DoesNotContain(probeTexts, t => data.Any(d => d.Contains(t, StringComparison.OrdinalIgnoreCase)));
    }
}

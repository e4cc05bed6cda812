using Memory.Text;
using Microsoft.ML.Tokenizers;

namespace Memory.Tests.Text;

/// <summary>A request holding a run of letters, symbols or blanks with no break (a pasted blob, a flood) is counted in
/// pieces of <see cref="LongRunTokenCount.MaxRun"/> characters, so counting stays linear; ordinary text is counted
/// exactly.</summary>
public sealed class LongRunTokenCountTests
{
    public static TheoryData<string> Encodings => new() { "cl100k_base", "o200k_base" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Ordinary_text_is_counted_exactly(string encoding)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding(encoding);
        var text = string.Concat(Enumerable.Repeat("The quick brown fox, 1234 times! Supercalifragilisticexpialidocious 🙂 日本語.\n", 500));

        Assert.Equal(text.Length, LongRunTokenCount.NextCut(text, 0));
        Assert.Equal(tokenizer.CountTokens(text), LongRunTokenCount.Count(tokenizer, text));
    }

    [Theory]
    [InlineData('a')]
    [InlineData('!')]
    [InlineData(' ')]
    public void A_megabyte_run_of_one_kind_is_counted_in_pieces(char filler)
    {
        var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");
        var run = "head " + new string(filler, 1_000_000) + " tail";

        var pieces = 0;
        var expected = 0;
        for (var start = 0; start < run.Length;)
        {
            var cut = LongRunTokenCount.NextCut(run, start);
            Assert.True(cut - start <= 5 + LongRunTokenCount.MaxRun, $"a piece of {cut - start} characters");
            expected += tokenizer.CountTokens(run.AsSpan(start, cut - start));
            pieces++;
            start = cut;
        }

        Assert.True(pieces >= 1_000_000 / LongRunTokenCount.MaxRun);
        Assert.Equal(expected, LongRunTokenCount.Count(tokenizer, run));
        Assert.Equal(expected, new TiktokenTokenCounterProbe().Count(run));
    }

    [Theory]
    [InlineData("e\u0301")]
    [InlineData("a!")]
    [InlineData("x1")]
    public void A_long_stretch_without_a_blank_is_cut_whatever_its_kinds(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 100_000));
        var cut = LongRunTokenCount.NextCut(text, 0);

        Assert.InRange(cut, 1, LongRunTokenCount.MaxUnbroken + 1);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var emoji = string.Concat(Enumerable.Repeat("🙂", 1000));
        for (var start = 0; start < emoji.Length;)
        {
            var cut = LongRunTokenCount.NextCut(emoji, start);
            Assert.False(cut < emoji.Length && char.IsLowSurrogate(emoji[cut]), $"cut at {cut} splits a pair");
            start = cut;
        }
    }

    /// <summary>The gateway's counter (what budgets the context window) goes through the same pieces.</summary>
    private sealed class TiktokenTokenCounterProbe
    {
        private readonly TiktokenTokenCounter _counter = new();

        public int Count(string text) => _counter.Count(text, "gpt-4");
    }
}

using Gateway.Prompts;

namespace Gateway.Tests.Prompts;

public sealed class MemoryLineFormatterTests
{
    private static readonly DateTimeOffset Now = TestMemories.Now;

    [Theory]
    [InlineData(0.2, "today")]
    [InlineData(1.5, "1d ago")]
    [InlineData(13, "13d ago")]
    [InlineData(20, "2w ago")]
    [InlineData(90, "2mo ago")]
    [InlineData(800, "2y ago")]
    [InlineData(-3, "in 3d")]
    public void Ages_are_compact(double daysAgo, string expected)
    {
        Assert.Equal(expected, MemoryLineFormatter.Age(Now.AddDays(-daysAgo), Now));
    }

    [Theory]
    [InlineData(1.0, "high")]
    [InlineData(0.8, "high")]
    [InlineData(0.79, "medium")]
    [InlineData(0.5, "medium")]
    [InlineData(0.49, "low")]
    public void Confidence_becomes_a_word(double confidence, string expected)
    {
        Assert.Equal(expected, MemoryLineFormatter.Confidence(confidence));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("  padded  ", "padded")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("crlf\r\n\r\nbreak", "crlf break")]
    [InlineData("tab\there", "tab here")]
    [InlineData("sep\u2028arator", "sep arator")]
    [InlineData("a & b < c", "a & b < c")]
    public void Text_is_kept_on_one_line(string text, string expected)
    {
        Assert.Equal(expected, MemoryLineFormatter.OneLine(text));
    }

    [Fact]
    public void An_undated_memory_says_so()
    {
        var memory = TestMemories.Make("x") with { OccurredAt = default, CreatedAt = default, UpdatedAt = default };

        Assert.StartsWith("- [undated · high] x", MemoryLineFormatter.Line(memory, Now), StringComparison.Ordinal);
    }
}

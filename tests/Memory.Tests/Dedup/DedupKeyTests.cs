using Memory.DirectWrites;

namespace Memory.Tests.Dedup;

/// <summary>The same-text key of direct writes: case, spacing, punctuation and Latin accents never tell two texts
/// apart; signs that carry a value and the vowel marks of other scripts always do.</summary>
public sealed class DedupKeyTests
{
    [Theory]
    [InlineData("My sister lives in São Paulo.", "my sister lives in  Sao Paulo")]
    [InlineData("We meet at Café Central!", "We meet at Cafe\u0301 Central")]
    [InlineData("My rent is $1200 a month.", "my rent is $1200 a month")]
    public void Spellings_of_one_text_share_a_key(string a, string b) =>
        Assert.Equal(MemoryText.DedupKey(a), MemoryText.DedupKey(b));

    [Theory]
    [InlineData("My rent is $1200 a month.", "My rent is €1200 a month.")]
    [InlineData("My blood type is A+.", "My blood type is A-.")]
    [InlineData("The dose is 1,5 ml.", "The dose is 15 ml.")]
    [InlineData("It was -18 degrees.", "It was 18 degrees.")]
    [InlineData("मैं कल जाऊंगा", "मैं कुल जाऊंगा")]
    public void Texts_that_differ_in_a_value_or_a_vowel_mark_do_not(string a, string b) =>
        Assert.NotEqual(MemoryText.DedupKey(a), MemoryText.DedupKey(b));
}

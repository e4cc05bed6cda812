using Memory.Text;

namespace Memory.Tests.Text;

public class TextAnalyzerTests
{
    [Fact]
    public void Words_are_lower_cased_and_accent_folded()
    {
        Assert.Equal(["creme", "brulee", "in", "zurich", "strasse"], TextAnalyzer.Words("Crème BRÛLÉE in Zürich, Straße!"));
    }

    [Fact]
    public void Decomposed_accents_fold_like_composed_ones()
    {
        Assert.Equal(TextAnalyzer.Words("café"), TextAnalyzer.Words("cafe\u0301"));
    }

    [Fact]
    public void Possessives_drop_and_contractions_close_up()
    {
        Assert.Equal(["caroline", "dog", "doesnt", "bark"], TextAnalyzer.Words("Caroline's dog doesn’t bark"));
    }

    [Fact]
    public void Terms_drop_stop_words_and_stem()
    {
        Assert.Equal(["alic", "went", "hike", "mountain"], TextAnalyzer.Terms("Alice went hiking in the mountains"));
    }

    [Fact]
    public void Ideographs_are_words_of_their_own()
    {
        Assert.Equal(["東", "京", "tokyo"], TextAnalyzer.Words("東京 Tokyo"));
    }

    [Fact]
    public void Empty_text_has_no_words() => Assert.Empty(TextAnalyzer.Terms("  ... "));
}

using Memory.Embeddings.Onnx;

namespace Memory.Tests.Embeddings.Onnx;

public sealed class SentenceTokenizerTests
{
    private static readonly string[] Vocabulary = File.ReadAllLines(MiniLmFixture.VocabPath);
    private static readonly SentenceTokenizer Tokenizer = SentenceTokenizer.Load(MiniLmFixture.VocabPath, uncased: true, maxTokens: 256);

    [Fact]
    public void Frames_the_text_with_cls_and_sep()
    {
        var ids = Tokenizer.Encode("This is an example sentence");

        Assert.Equal(["[CLS]", "this", "is", "an", "example", "sentence", "[SEP]"], Tokens(ids));
    }

    [Fact]
    public void Lower_cases_and_strips_accents()
    {
        Assert.Equal(Tokenizer.Encode("cafe naive uber resume"), Tokenizer.Encode("Café NAÏVE Über Résumé"));
    }

    [Fact]
    public void Splits_cjk_ideographs_into_single_tokens()
    {
        Assert.Equal(["[CLS]", "我", "中", "国", "人", "[SEP]"], Tokens(Tokenizer.Encode("我中国人")));
    }

    [Fact]
    public void Treats_line_breaks_and_tabs_as_spaces_and_drops_invisible_characters()
    {
        Assert.Equal(Tokenizer.Encode("hello world again now"), Tokenizer.Encode("hello\nworld\tagain\r\nno\u00ADw\u200B"));
    }

    [Fact]
    public void Decomposes_hangul_and_keeps_spacing_marks_as_bert_does()
    {
        // NFD turns 안 into the jamo ᄋ ᅡ ᆫ; the Devanagari vowel sign ा is a spacing mark, which BERT keeps.
        Assert.Equal(["[CLS]", "ᄋ", "##ᅡ", "##ᆫ", "[SEP]"], Tokens(Tokenizer.Encode("안")));
        Assert.Contains(Tokens(Tokenizer.Encode("का")), t => t.Contains('ा', StringComparison.Ordinal));
    }

    [Fact]
    public void Splits_punctuation_and_word_pieces()
    {
        Assert.Equal(["[CLS]", "hello", ",", "world", "!", "[SEP]"], Tokens(Tokenizer.Encode("hello,world!")));
        Assert.Contains(Tokens(Tokenizer.Encode("tokenization")), t => t.StartsWith("##", StringComparison.Ordinal));
    }

    [Fact]
    public void Takes_special_token_names_in_text_literally()
    {
        var tokens = Tokens(Tokenizer.Encode("a [SEP] b"));

        Assert.Single(tokens, "[SEP]");
        Assert.Equal("[SEP]", tokens[^1]);
    }

    [Fact]
    public void Truncates_at_256_tokens_counting_cls_and_sep()
    {
        var ids = Tokenizer.Encode(string.Join(' ', Enumerable.Repeat("memory", 1000)));

        Assert.Equal(256, ids.Length);
        Assert.Equal("[CLS]", Vocabulary[ids[0]]);
        Assert.Equal("[SEP]", Vocabulary[ids[^1]]);
    }

    [Theory]
    [InlineData(253)]
    [InlineData(252)]
    [InlineData(2000)]
    public void Truncation_keeps_the_leading_word_pieces_even_mid_word(int leadingWords)
    {
        // "unaffordability" is several word pieces, so the budget ends inside it for the first two cases.
        var text = string.Join(' ', Enumerable.Repeat("a", leadingWords)) + " " +
                   string.Join(' ', Enumerable.Repeat("unaffordability", 400));
        var untruncated = SentenceTokenizer.Load(MiniLmFixture.VocabPath, uncased: true, maxTokens: 8192).Encode(text);

        var ids = Tokenizer.Encode(text);

        Assert.Equal(untruncated[..255], ids[..255]);
        Assert.Equal("[SEP]", Vocabulary[ids[255]]);
    }

    [Fact]
    public void A_long_text_without_whitespace_is_still_bounded()
    {
        var ids = Tokenizer.Encode(string.Concat(Enumerable.Repeat("我们", 5000)));

        Assert.Equal(256, ids.Length);
        Assert.Equal("我", Vocabulary[ids[1]]);
    }

    [Fact]
    public void Empty_text_is_only_cls_and_sep()
    {
        Assert.Equal(["[CLS]", "[SEP]"], Tokens(Tokenizer.Encode("")));
    }

    private static string[] Tokens(int[] ids) => [.. ids.Select(id => Vocabulary[id])];
}

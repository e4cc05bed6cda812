using Memory.Text;

namespace Memory.Tests.Text;

public class PorterStemmerTests
{
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("cats", "cat")]
    [InlineData("feed", "feed")]
    [InlineData("agreed", "agre")]
    [InlineData("plastered", "plaster")]
    [InlineData("bled", "bled")]
    [InlineData("motoring", "motor")]
    [InlineData("sing", "sing")]
    [InlineData("conflated", "conflat")]
    [InlineData("troubled", "troubl")]
    [InlineData("sized", "size")]
    [InlineData("hopping", "hop")]
    [InlineData("tanned", "tan")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("fizzed", "fizz")]
    [InlineData("failing", "fail")]
    [InlineData("filing", "file")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("digitizer", "digit")]
    [InlineData("operator", "oper")]
    [InlineData("feudalism", "feudal")]
    [InlineData("decisiveness", "decis")]
    [InlineData("hopefulness", "hope")]
    [InlineData("formaliti", "formal")]
    [InlineData("sensitiviti", "sensit")]
    [InlineData("triplicate", "triplic")]
    [InlineData("formative", "form")]
    [InlineData("electrical", "electr")]
    [InlineData("goodness", "good")]
    [InlineData("revival", "reviv")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("airliner", "airlin")]
    [InlineData("adjustable", "adjust")]
    [InlineData("replacement", "replac")]
    [InlineData("adoption", "adopt")]
    [InlineData("communism", "commun")]
    [InlineData("effective", "effect")]
    [InlineData("probate", "probat")]
    [InlineData("rate", "rate")]
    [InlineData("cease", "ceas")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("generalizations", "gener")]
    [InlineData("oscillators", "oscil")]
    public void Stem_matches_the_reference_algorithm(string word, string expected) =>
        Assert.Equal(expected, PorterStemmer.Stem(word));

    [Fact]
    public void Inflections_share_a_stem()
    {
        var stems = new[] { "connect", "connected", "connecting", "connection", "connections" }.Select(PorterStemmer.Stem).Distinct();
        Assert.Equal(["connect"], stems);
    }

    [Theory]
    [InlineData("is")]
    [InlineData("2023")]
    [InlineData("café")]
    [InlineData("東京")]
    public void Short_and_non_ascii_words_are_left_alone(string word) => Assert.Equal(word, PorterStemmer.Stem(word));
}

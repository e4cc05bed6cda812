
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Extraction.Evaluation;

namespace Memory.Tests.WriteBack;

public sealed class FactMatcherTests
{
    [Theory]
    [InlineData("The user works as a beekeeper in the hills", "The user works as a beekeeper", true)]
    [InlineData("The user hates cilantro", "The user dislikes cilantro", true)]
    [InlineData("The user likes cilantro", "The user dislikes cilantro", false)]
    [InlineData("The user eats pork", "The user doesn't eat pork", false)]
    [InlineData("The user does not eat pork", "The user doesn't eat pork", true)]
    [InlineData("The user lives in Oslo", "The user lives in Bergen", false)]
    [InlineData("The user's dog Pepper is a border collie", "The user's dog Pepper is a border collie", true)]
    [InlineData("The user has a dog named Pepper", "The user's dog Pepper is a border collie", false)]
    [InlineData("The user is allergic to peanuts", "The user is allergic to peanut", true)]
    [InlineData("The user said they live in Oslo and work as a nurse at the big hospital downtown", "The user lives in Oslo", false)]
    public void Produced_fact_matches_expected_by_key_words(string produced, string expected, bool matches)
    {
        var fact = new ExtractedFact { Text = produced, Slot = FactSlots.Other };

        Assert.Equal(matches, FactMatcher.Matches(fact, new ExpectedFact(expected, FactAction.Assert, Optional: false)));
    }

    [Theory]
    [InlineData("The user's dog Pepper is a border collie", "My dog Pepper is a border collie.", true)]
    [InlineData("The user's dog pepper is a border collie", "My dog Pepper is a border collie.", false)]
    [InlineData("The user's dog pepper is a border collie", "my dog pepper is a border collie", true)]
    [InlineData("The user's dog Pepper is a border collie", "my dog pepper is a border collie", true)]
    public void A_name_the_user_wrote_with_capitals_must_keep_them(string produced, string turn, bool matches)
    {
        var fact = new ExtractedFact { Text = produced, Slot = FactSlots.Pet };

        Assert.Equal(matches, FactMatcher.Matches(fact, new ExpectedFact("The user's dog Pepper is a border collie", FactAction.Assert, Optional: false), turn));
    }

    [Fact]
    public void A_retraction_matches_only_an_expected_retraction()
    {
        var retract = new ExtractedFact { Text = "No longer: lives in Lisbon", Slot = FactSlots.Location, Action = FactAction.Retract };

        Assert.True(FactMatcher.Matches(retract, new ExpectedFact("The user lives in Lisbon", FactAction.Retract, false)));
        Assert.False(FactMatcher.Matches(retract, new ExpectedFact("The user lives in Lisbon", FactAction.Assert, false)));
    }

    [Fact]
    public void Optional_expectations_are_neither_required_nor_wrong()
    {
        var c = new ExtractionCase("x", "dev", "places", "Actually, I live in Bergen, not Oslo.",
        [
            new ExpectedFact("The user lives in Bergen", FactAction.Assert, false),
            new ExpectedFact("The user lives in Oslo", FactAction.Retract, true),
        ]);
        ExtractedFact[] produced =
        [
            new() { Text = "The user lives in Bergen", Slot = FactSlots.Location },
            new() { Text = "The user lives in Oslo", Slot = FactSlots.Location, Action = FactAction.Retract },
            new() { Text = "The user likes fjords", Slot = FactSlots.Like },
        ];

        var outcome = ExtractionOutcome.Score(c, produced);

        Assert.Equal(1, outcome.Correct);
        Assert.Equal(1, outcome.Found);
        Assert.Equal("The user likes fjords", Assert.Single(outcome.Wrong).Text);
    }
}

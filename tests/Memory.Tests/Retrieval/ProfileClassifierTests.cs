using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public class ProfileClassifierTests
{
    [Theory]
    [InlineData("Alice is allergic to peanuts.", "Allergy")]
    [InlineData("Bob has a severe shellfish allergy.", "Allergy")]
    [InlineData("I'm lactose intolerant.", "Allergy")]
    [InlineData("Sam has coeliac disease.", "Allergy")]
    [InlineData("Priya is diabetic and takes insulin.", "Medical")]
    [InlineData("Alice is vegetarian and avoids all meat and fish.", "Diet")]
    [InlineData("Tom doesn't eat pork.", "Diet")]
    [InlineData("She is on a low-carb diet.", "Diet")]
    [InlineData("Maria uses a wheelchair.", "Accessibility")]
    [InlineData("Ken is visually impaired and uses a screen reader.", "Accessibility")]
    [InlineData("The user's name is Dana.", "Name")]
    [InlineData("He prefers to be called Alex.", "Name")]
    [InlineData("Jordan's pronouns are they/them.", "Pronouns")]
    [InlineData("Luca speaks Italian and some German.", "Language")]
    [InlineData("Prefers answers in French.", "Language")]
    [InlineData("The user wants replies in British English", "Language")]
    [InlineData("Alice prefers short, concise answers without bullet lists.", "Style")]
    [InlineData("No emojis, please.", "Style")]
    [InlineData("Nina lives in Toronto.", "Location")]
    public void Stated_facts_about_the_person_are_profile(string text, string expected) =>
        Assert.Equal(expected, ProfileClassifier.Classify(text).ToString());

    [Theory]
    [InlineData("Alice read an article about allergies.")]
    [InlineData("Caroline went to a vegan restaurant with friends.")]
    [InlineData("Melanie painted a lake sunrise last year.")]
    [InlineData("Time goes by quickly when she paints.")]
    [InlineData("He wrote a report on the history of the French language.")]
    [InlineData("Bob loves steak and barbecue.")]
    [InlineData("")]
    public void Topics_and_events_are_not_profile(string text) =>
        Assert.Equal(ProfileCategory.None, ProfileClassifier.Classify(text));

    [Fact]
    public void Metadata_overrides_the_patterns()
    {
        var marked = new MemoryItem { Id = "1", Text = "Always answer with a code sample first.", Metadata = new Dictionary<string, string> { ["profile"] = "true" } };
        var unmarked = new MemoryItem { Id = "2", Text = "Alice is allergic to cats.", Metadata = new Dictionary<string, string> { ["profile"] = "false" } };
        Assert.NotEqual(ProfileCategory.None, ProfileClassifier.Classify(marked));
        Assert.Equal(ProfileCategory.None, ProfileClassifier.Classify(unmarked));
    }
}

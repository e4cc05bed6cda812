using Memory.Dedup;

namespace Memory.Tests.Dedup;

/// <summary>Generated pairs with two owners and two values of one kind: the values swapped between the owners are
/// never absorbed, however similar the caller found the texts; the clauses said in the other order, each value still
/// with its owner, are one fact.</summary>
public sealed class SwappedValuePropertyTests
{
    /// <summary>{A}/{B}: the owners; {X}/{Y}: their values.</summary>
    private static readonly (string Text, string[] Owners, string[] Values)[] Templates =
    [
        ("My {A} is {X} and my {B} is {Y}.", ["daughter", "son", "brother", "sister", "niece", "nephew"], ["4", "7", "12", "15", "31", "40"]),
        ("My {A} is {X}, my {B} is {Y}.", ["daughter", "son", "grandson", "granddaughter"], ["two", "five", "nine", "eleven"]),
        ("{A} lives in {X} and {B} lives in {Y}.", ["Anna", "Tom", "Priya", "Kenji", "Ines"], ["Lyon", "Porto", "Oslo", "Kyoto", "Lima"]),
        ("My {A} works on {X} and my {B} works on {Y}.", ["wife", "husband", "partner", "flatmate"], ["Mondays", "Tuesdays", "Fridays", "Sundays"]),
        ("I drink {X} in the morning and {Y} at night.", [""], ["coffee", "tea", "water", "milk", "juice"]),
        ("I eat {X} but not {Y}.", [""], ["fish", "meat", "eggs", "cheese", "rice"]),
        ("I prefer {X} to {Y}.", [""], ["tea", "coffee", "cats", "dogs", "summer", "winter"]),
        ("{A}'s appointment is at {X} and {B}'s is at {Y}.", ["Anna", "Tom", "Olu", "Sven"], ["9am", "11am", "3pm", "6pm"]),
        ("{A} lives in {X} and {B} in {Y}.", ["Anna", "Tom", "Priya", "Kenji", "Ines"], ["Paris", "London", "Rome", "Oslo"]),
        ("{A} flies to {X} and {B} to {Y}.", ["Anna", "Tom", "Priya", "Kenji", "Ines"], ["Paris", "London", "Rome", "Oslo"]),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Values_swapped_between_owners_are_never_a_duplicate(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var (text, owners, values) = Templates[random.Next(Templates.Length)];
            var (a, b) = Two(random, owners);
            var (x, y) = Two(random, values);
            var stored = Fill(text, a, b, x, y);
            var swapped = Fill(text, a, b, y, x);

            var verdict = DedupRule.Compare(stored, swapped, similar: true).Verdict;

            Assert.True(verdict != DedupVerdict.Duplicate, $"{stored} -> {swapped}: {verdict}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Clauses_in_the_other_order_each_value_with_its_owner_are_one_fact(int seed)
    {
        var random = new Random(seed);
        // Not the elliptical ones ("{A}'s appointment ... and {B}'s is ...", "... and {B} in {Y}"): their clauses hold other
        // words, so reordered they are kept as two facts (a duplicate kept, nothing lost).
        var twoOwners = Templates.Where(t => t.Text.Contains(" and ", StringComparison.Ordinal) && t.Owners.Length > 1 &&
            !t.Text.Contains("'s is", StringComparison.Ordinal) && !t.Text.Contains("and {B} in", StringComparison.Ordinal) &&
            !t.Text.Contains("and {B} to", StringComparison.Ordinal)).ToArray();
        for (var i = 0; i < 200; i++)
        {
            var (text, owners, values) = twoOwners[random.Next(twoOwners.Length)];
            var (a, b) = Two(random, owners);
            var (x, y) = Two(random, values);
            var stored = Fill(text, a, b, x, y);
            var reordered = Fill(text, b, a, y, x);

            var verdict = DedupRule.Compare(stored, reordered, similar: true).Verdict;

            Assert.True(verdict == DedupVerdict.Duplicate, $"{stored} -> {reordered}: {verdict}");
        }
    }

    private static (string, string) Two(Random random, string[] from)
    {
        if (from.Length == 1)
        {
            return (from[0], from[0]);
        }

        var first = random.Next(from.Length);
        var second = (first + 1 + random.Next(from.Length - 1)) % from.Length;
        return (from[first], from[second]);
    }

    private static string Fill(string text, string a, string b, string x, string y)
    {
        var filled = text.Replace("{A}", a, StringComparison.Ordinal).Replace("{B}", b, StringComparison.Ordinal)
            .Replace("{X}", x, StringComparison.Ordinal).Replace("{Y}", y, StringComparison.Ordinal);
        return char.ToUpperInvariant(filled[0]) + filled[1..];
    }
}

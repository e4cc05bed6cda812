using Memory.Dedup;
using Memory.Model;
using Memory.Tests.Support;
using Memory.Tests.WriteBack;

namespace Memory.Tests.Dedup;

/// <summary>Eighteenth session: a place with no name said "now" replaced a named one ("My sister lives in Leeds" /
/// "... in the suburbs now" put Leeds in history); heuristic extraction dropped "now", so a place change in other words
/// told as a user turn stayed beside the old one; "I work in Leeds" replaced "I work as a nurse"; and restatements (an
/// apposition, a symmetric relation) were kept twice. Each row is a pair written one after the other.</summary>
public sealed class PlaceAndRestatementTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private static readonly DateTimeOffset Day1 = new(2025, 1, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Day2 = new(2025, 1, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string, string, string> Pairs => new()
    {
        // A place with no name may lie within the named one: both kept, similar or not.
        { "My sister lives in Leeds.", "My sister lives in the suburbs now.", nameof(DedupVerdict.Distinct) },
        { "I live in Leeds.", "I live in the suburbs now.", nameof(DedupVerdict.Distinct) },
        { "I live in Manchester.", "I live in the city centre now.", nameof(DedupVerdict.Distinct) },
        { "I live in Manchester.", "I live in the countryside now.", nameof(DedupVerdict.Distinct) },
        { "My parents live in Cornwall.", "My parents live in the countryside now.", nameof(DedupVerdict.Distinct) },
        { "My brother is in Leeds.", "My brother is in the city centre now.", nameof(DedupVerdict.Distinct) },
        { "I work in London.", "I work in the city centre now.", nameof(DedupVerdict.Distinct) },
        { "I work in marketing.", "I work in London.", nameof(DedupVerdict.Distinct) },
        { "I work in London on Mondays.", "I work in Leeds on Fridays.", nameof(DedupVerdict.Distinct) },
        // Review: a capitalised field is no place (it replaced London); a change said "now" is one even on other days.
        { "I work in London.", "I work in Finance.", nameof(DedupVerdict.Distinct) },
        { "The user works in Leeds", "The user works in Sales", nameof(DedupVerdict.Distinct) },
        { "I work at Google on Mondays.", "I work at Google on Fridays now.", nameof(DedupVerdict.SlotChange) },
        { "I work at Google on Mondays.", "I work at Amazon on Fridays.", nameof(DedupVerdict.Distinct) },
        { "I work in Leeds.", "I work in York.", nameof(DedupVerdict.SlotChange) },
        { "I'm based in Leeds.", "I'm based in the suburbs now.", nameof(DedupVerdict.Distinct) },
        { "My office is in Leeds.", "My office is in the city centre now.", nameof(DedupVerdict.Distinct) },
        { "My son lives in Bristol.", "My son lives in a student flat now.", nameof(DedupVerdict.Distinct) },
        // Another named place, or a place after a place with no name, is still the new value.
        { "My sister lives in Leeds.", "My sister lives in York now.", nameof(DedupVerdict.SlotChange) },
        { "I live in Bristol.", "I live in Cardiff now.", nameof(DedupVerdict.SlotChange) },
        { "My brother is in Leeds.", "My brother is in York now.", nameof(DedupVerdict.SlotChange) },
        { "I live in the city centre.", "I live in the countryside now.", nameof(DedupVerdict.SlotChange) },
        { "My parents live in Spain.", "My parents live in a small village near Malaga now.", nameof(DedupVerdict.SlotChange) },
        { "I work in London.", "I work in Reading now.", nameof(DedupVerdict.SlotChange) },
        // Restatements: an apposition, a symmetric relation said from the other side.
        { "My sister Anna is a nurse.", "Anna, my sister, is a nurse.", nameof(DedupVerdict.Duplicate) },
        { "My cousin Ben is a plumber.", "My cousin, Ben, is a plumber.", nameof(DedupVerdict.Duplicate) },
        { "My dog Rex sleeps in the kitchen.", "Rex, my dog, sleeps in the kitchen.", nameof(DedupVerdict.Duplicate) },
        { "My dog Rex sleeps in the kitchen.", "Max, my dog, sleeps in the kitchen.", nameof(DedupVerdict.Distinct) },
        { "My sister lives with me.", "I live with my sister.", nameof(DedupVerdict.Duplicate) },
        { "I live with my boyfriend.", "My boyfriend lives with me.", nameof(DedupVerdict.Duplicate) },
        { "My flatmate works with me.", "I work with my flatmate.", nameof(DedupVerdict.Duplicate) },
        { "My brother and I live together.", "I live with my brother.", nameof(DedupVerdict.Duplicate) },
        { "The user's wife lives with them", "The user lives with their wife", nameof(DedupVerdict.Duplicate) },
        // ... without absorbing another person.
        { "My sister Anna is a nurse.", "My sister Maria is a nurse.", nameof(DedupVerdict.Distinct) },
        { "Anna, my sister, is a nurse.", "My sister Maria is a nurse.", nameof(DedupVerdict.Distinct) },
        { "My sister lives with me.", "I live with my brother.", nameof(DedupVerdict.Distinct) },
        { "My daughter lives with me.", "I live with my son.", nameof(DedupVerdict.Distinct) },
        { "My sister lives with them.", "I live with my sister.", nameof(DedupVerdict.Distinct) },
        { "Tom, my brother, lives in Leeds.", "Tom, my son, lives in Leeds.", nameof(DedupVerdict.Distinct) },
        { "My wife, Maria, is a teacher.", "My wife, Julia, is a teacher.", nameof(DedupVerdict.Distinct) },
        { "My sister shares a flat with me.", "I share a flat with my brother.", nameof(DedupVerdict.Distinct) },
        { "My sister shares a flat with me.", "I share a flat with my sister.", nameof(DedupVerdict.Duplicate) },
        { "My boss is friends with me.", "I am friends with my boss.", nameof(DedupVerdict.Duplicate) },
        { "Anna, my sister, lives in Leeds.", "My sister Anna lives in York now.", nameof(DedupVerdict.SlotChange) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_rule_keeps_a_vaguer_place_and_folds_a_restatement(string stored, string incoming, string expected)
    {
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: true).Verdict.ToString());
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: false).Verdict.ToString());
    }

    [Theory]
    [InlineData("My sister lives in Leeds.", "My sister lives in the suburbs now.", MemoryEvent.Add)]
    [InlineData("I live in Manchester.", "I live in the city centre now.", MemoryEvent.Add)]
    [InlineData("My brother is in Leeds.", "My brother is in the city centre now.", MemoryEvent.Add)]
    [InlineData("My sister lives in Leeds.", "My sister lives in York now.", MemoryEvent.Update)]
    [InlineData("My sister lives with me.", "I live with my sister.", MemoryEvent.Noop)]
    [InlineData("I live with my boyfriend.", "My boyfriend lives with me.", MemoryEvent.Noop)]
    [InlineData("My sister lives with me.", "I live with my brother.", MemoryEvent.Add)]
    [InlineData("My daughter lives with me.", "I live with my daughter.", MemoryEvent.Noop)]
    [InlineData("My partner works with me.", "I work with my partner.", MemoryEvent.Noop)]
    [InlineData("My dog Rex sleeps in the kitchen.", "Rex, my dog, sleeps in the kitchen.", MemoryEvent.Noop)]
    [InlineData("I'm based in Leeds.", "I'm based in the suburbs now.", MemoryEvent.Add)]
    [InlineData("My office is in Leeds.", "My office is in the city centre now.", MemoryEvent.Add)]
    [InlineData("I work in London.", "I work in Reading now.", MemoryEvent.Update)]
    public async Task A_direct_write_that_is_not_similar_keeps_the_place_and_finds_the_restatement(string first, string second, MemoryEvent expected)
    {
        // Orthogonal vectors: only the rule and its prefilter relate the texts.
        _h.Embedder.Pin(first, Unit(0));
        _h.Embedder.Pin(second, Unit(1));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = first }], null);

        var result = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = second }], null))[0];

        Assert.Equal(expected, result.Event);
        Assert.Equal(expected == MemoryEvent.Add ? 2 : 1, (await _h.Service.ListAsync(Alice, false)).Count);
    }

    [Theory]
    // A place with no name keeps the named one current, as user turns (heuristic extraction and write-back).
    [InlineData("I live in Leeds.", "I live in the suburbs now.", "The user lives in Leeds|The user lives in the suburbs")]
    [InlineData("I work in London.", "I work in the city centre now.", "The user works in London|The user works in the city centre")]
    [InlineData("I work in Leeds.", "I work in the suburbs now.", "The user works in Leeds|The user works in the suburbs")]
    // Where the user works is no job: the job stays current.
    [InlineData("I work as a nurse.", "I work in Leeds.", "The user works as a nurse|The user works in Leeds")]
    [InlineData("I work in marketing.", "I work in London.", "The user works in marketing|The user works in London")]
    // "now" reaches consolidation though the extracted text drops it: another place in other words replaces the first.
    [InlineData("I live in the city centre.", "I live in the countryside now.", "The user lives in the countryside")]
    [InlineData("My brother is in the city centre.", "My brother is in the countryside now.", "The user's brother is in the countryside")]
    [InlineData("I work in London.", "I work in Reading now.", "The user works in Reading")]
    // Restatements told again are one memory; another person is another.
    [InlineData("My sister lives with me.", "I live with my sister.", "The user lives with their sister")]
    // "My boyfriend lives with me" is read as "I live with my boyfriend" since the nineteenth session (writeback.md).
    [InlineData("I live with my boyfriend.", "My boyfriend lives with me.", "The user lives with their boyfriend")]
    [InlineData("My sister lives with me.", "I live with my brother.", "The user lives with their brother|The user lives with their sister")]
    [InlineData("My brother and I live together.", "I live with my brother.", "The user lives with their brother")]
    // A second employer on its days stays beside the first (the days are not kept in the employer's text).
    [InlineData("I work at Google on Mondays.", "I work at Amazon on Fridays.", "The user works at Google|The user works at Amazon")]
    [InlineData("I work at Google.", "I work at Amazon now.", "The user works at Amazon")]
    // Two named pets in one sentence are two facts (the dog was lost in the cat's name).
    [InlineData("I have a cat called Bella.", "I have a cat called Bella and a dog called Max.", "The user has a cat named Bella|The user has a dog named Max")]
    public async Task User_turns_keep_every_place_and_job_and_fold_restatements(string first, string second, string current)
    {
        await using var h = new WriteBackHarness();
        await h.SayAsync(Turns.Say("t1", first, at: Day1));

        await h.SayAsync(Turns.Say("t2", second, at: Day2));

        Assert.Equal(current.Split('|').Order(StringComparer.Ordinal), h.Store.CurrentTexts(Turns.User).Order(StringComparer.Ordinal));
    }

    private static float[] Unit(int axis)
    {
        var v = new float[64];
        v[axis] = 1f;
        return v;
    }
}

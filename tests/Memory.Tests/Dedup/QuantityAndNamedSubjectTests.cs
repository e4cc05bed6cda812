using Memory.Dedup;
using Memory.Model;
using Memory.Tests.Support;

namespace Memory.Tests.Dedup;

/// <summary>Nineteenth session: a statement given another number that can hold only one was kept twice, the old number
/// current beside the new ("I've been married for 10 years" / "... for 12 years", "I sleep 7 hours a night" / "... 6
/// hours a night", "My dog weighs 30 kg" / "... 32 kg"); a person or pet named alone was not the one named with who they
/// are ("My dog Rex weighs 20 kg" / "Rex weighs 23 kg now"); an apposition that also changes a value was an ADD when
/// written directly ("My sister Anna lives in Leeds" / "Anna, my sister, lives in York now"); "I live abroad now", a new
/// passport's expiry, "turned 6" and "I live at ..." were no slot. Each row is a pair written one after the other.</summary>
public sealed class QuantityAndNamedSubjectTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private readonly MemoryHarness _h = new();

    public void Dispose() => _h.Dispose();

    public static TheoryData<string, string, string> Pairs => new()
    {
        // How long a state has held: one value, the later is its new value.
        { "I've been married for 10 years.", "I've been married for 12 years.", nameof(DedupVerdict.SlotChange) },
        { "I have worked at Google for 5 years.", "I have worked at Google for 6 years.", nameof(DedupVerdict.SlotChange) },
        { "I've lived in Leeds for 3 years.", "I've lived in Leeds for 4 years.", nameof(DedupVerdict.SlotChange) },
        { "We have been together for 7 years.", "We've been together for 8 years.", nameof(DedupVerdict.SlotChange) },
        { "I have been vegetarian for 2 years.", "I've been vegetarian for 3 years.", nameof(DedupVerdict.SlotChange) },
        { "My son has been learning piano for 2 years.", "My son has been learning piano for 3 years.", nameof(DedupVerdict.SlotChange) },
        { "I've had my dog for 4 years.", "I've had my dog for 5 years now.", nameof(DedupVerdict.SlotChange) },
        { "I've been married since 2014.", "I've been married since 2016.", nameof(DedupVerdict.SlotChange) },
        // ... but not another state, another person's, or a start date beside a duration (both may hold).
        { "I've been married for 10 years.", "I've been married since 2014.", nameof(DedupVerdict.Distinct) },
        { "I've been married for 10 years.", "My sister has been married for 12 years.", nameof(DedupVerdict.Distinct) },
        { "I've lived in Leeds for 3 years.", "I've lived in York for 4 years.", nameof(DedupVerdict.Distinct) },
        { "I've been learning piano for 2 years.", "I've been learning guitar for 3 years.", nameof(DedupVerdict.Distinct) },
        // A quantity per period: one value at a time.
        { "I take 20 mg of citalopram daily.", "I take 40 mg of citalopram daily.", nameof(DedupVerdict.SlotChange) },
        { "I sleep 7 hours a night.", "I sleep 6 hours a night.", nameof(DedupVerdict.SlotChange) },
        { "I smoke 10 cigarettes a day.", "I smoke 5 cigarettes a day.", nameof(DedupVerdict.SlotChange) },
        { "I earn £40,000 a year.", "I earn £45,000 a year.", nameof(DedupVerdict.SlotChange) },
        { "I drink 3 cups of coffee a day.", "I drink 2 cups of coffee a day.", nameof(DedupVerdict.SlotChange) },
        // ... not another medicine, another time of day, another drink, another person, or a weekday (a second run).
        { "I take 20 mg of citalopram daily.", "I take 20 mg of sertraline daily.", nameof(DedupVerdict.Distinct) },
        { "I take 20 mg of citalopram in the morning.", "I take 40 mg of citalopram at night.", nameof(DedupVerdict.Distinct) },
        { "I drink 3 cups of coffee a day.", "I drink 3 cups of tea a day.", nameof(DedupVerdict.Distinct) },
        { "I smoke 10 cigarettes a day.", "My dad smokes 20 cigarettes a day.", nameof(DedupVerdict.Distinct) },
        { "I run 5 km every Monday.", "I run 8 km every Monday.", nameof(DedupVerdict.Distinct) },
        { "I drink 3 cups of coffee and 2 cups of tea a day.", "I drink 2 cups of coffee and 3 cups of tea a day.", nameof(DedupVerdict.Distinct) },
        // What something weighs, costs or takes.
        { "My dog weighs 30 kg.", "My dog weighs 32 kg.", nameof(DedupVerdict.SlotChange) },
        { "My commute takes 30 minutes.", "My commute takes 45 minutes.", nameof(DedupVerdict.SlotChange) },
        { "My gym membership costs £30 a month.", "My gym membership costs £35 a month.", nameof(DedupVerdict.SlotChange) },
        { "My son takes piano lessons.", "My son takes swimming lessons.", nameof(DedupVerdict.Distinct) },
        { "My dog weighs 30 kg.", "My cat weighs 4 kg.", nameof(DedupVerdict.Distinct) },
        // A name alone is the one named with who they are.
        { "My dog Rex weighs 20 kg.", "Rex weighs 23 kg now.", nameof(DedupVerdict.SlotChange) },
        { "Rex weighs 20 kg.", "My dog Rex weighs 23 kg.", nameof(DedupVerdict.SlotChange) },
        { "My sister Anna lives in Leeds.", "Anna lives in York now.", nameof(DedupVerdict.SlotChange) },
        { "My dog Rex weighs 20 kg.", "Max weighs 23 kg now.", nameof(DedupVerdict.Distinct) },
        { "My dog Rex weighs 20 kg.", "My cat Rex weighs 4 kg now.", nameof(DedupVerdict.Distinct) },
        { "My sister Anna lives in Leeds.", "Anna lives in the suburbs now.", nameof(DedupVerdict.Distinct) },
        // An apposition that also changes the value.
        { "My sister Anna lives in Leeds.", "Anna, my sister, lives in York now.", nameof(DedupVerdict.SlotChange) },
        { "My sister Anna lives in Leeds.", "Maria, my sister, lives in York now.", nameof(DedupVerdict.Distinct) },
        // Elsewhere altogether, a new passport, an age said with "turned", an address.
        { "I live in Madrid.", "I live abroad now.", nameof(DedupVerdict.SlotChange) },
        { "I live in Madrid.", "I live abroad.", nameof(DedupVerdict.Distinct) },
        { "My passport expires in May 2027.", "My new passport expires in June 2036.", nameof(DedupVerdict.SlotChange) },
        { "My passport expires in May 2027.", "My driving licence expires in June 2036.", nameof(DedupVerdict.Distinct) },
        { "My daughter turned 5.", "My daughter is 6 now.", nameof(DedupVerdict.SlotChange) },
        { "My grandmother is 90.", "My grandmother turned 91.", nameof(DedupVerdict.SlotChange) },
        { "I'm 39.", "I turned 40.", nameof(DedupVerdict.SlotChange) },
        { "My daughter turned 5.", "My son turned 6.", nameof(DedupVerdict.Distinct) },
        { "I live at 12 Baker Street.", "I live at 4 Elm Road now.", nameof(DedupVerdict.SlotChange) },
        { "I live in Leeds.", "I live at 12 Baker Street.", nameof(DedupVerdict.Distinct) },
        // How many or how much so far, in the present perfect; not one dated event among others.
        { "I've run 3 marathons.", "I've run 4 marathons.", nameof(DedupVerdict.SlotChange) },
        { "I have been to 20 countries.", "I have been to 25 countries.", nameof(DedupVerdict.SlotChange) },
        { "My car has done 60,000 miles.", "My car has done 65,000 miles.", nameof(DedupVerdict.SlotChange) },
        { "I have booked a flight to Paris on 3 May.", "I have booked a flight to Paris on 5 May.", nameof(DedupVerdict.Distinct) },
        { "I've visited Spain 3 times.", "I've visited Italy 4 times.", nameof(DedupVerdict.Distinct) },
        // Sweep: "still" says nothing new; a number's ending, a rise, a pregnancy's months.
        { "I still live in Leeds.", "I live in York now.", nameof(DedupVerdict.SlotChange) },
        { "I still work at Tesco.", "I work at Tesco.", nameof(DedupVerdict.Duplicate) },
        { "I still play tennis.", "I play tennis.", nameof(DedupVerdict.Duplicate) },
        { "My son still plays football.", "My son plays football.", nameof(DedupVerdict.Duplicate) },
        { "My phone number ends in 4417.", "My phone number ends in 5520.", nameof(DedupVerdict.SlotChange) },
        { "My rent went up to £1,100.", "My rent is £1,200 now.", nameof(DedupVerdict.SlotChange) },
        { "I'm 5 months pregnant.", "I'm 6 months pregnant.", nameof(DedupVerdict.SlotChange) },
        { "I'm 5 months pregnant.", "I'm 34.", nameof(DedupVerdict.Distinct) },
        { "My new phone is a Pixel 8.", "My phone is a Pixel 9 now.", nameof(DedupVerdict.SlotChange) },
        { "I take 50 mg of sertraline.", "I take 100 mg of sertraline now.", nameof(DedupVerdict.SlotChange) },
        { "I play tennis twice a week.", "I play tennis three times a week.", nameof(DedupVerdict.SlotChange) },
        { "I play tennis twice a week.", "I play squash three times a week.", nameof(DedupVerdict.Distinct) },
        { "I have two children aged 5 and 8.", "I have two children aged 6 and 9.", nameof(DedupVerdict.SlotChange) },
        // A number that names a thing is no quantity; an indefinite child may be a second one; a booking is one-off.
        { "I take vitamin B6 daily.", "I take vitamin B12 daily.", nameof(DedupVerdict.Distinct) },
        { "I take Omega 3 daily.", "I take Omega 6 daily.", nameof(DedupVerdict.Distinct) },
        { "I take bus 42 every day.", "I take bus 17 every day.", nameof(DedupVerdict.Distinct) },
        { "I have a daughter aged 5.", "I have a daughter aged 3.", nameof(DedupVerdict.Distinct) },
        { "I've booked a table for 4 people.", "I've booked a table for 2 people.", nameof(DedupVerdict.Distinct) },
        // Where the note with the PIN is now: the same slot, its new place (both paths agree).
        { "My PIN is written on a note.", "My PIN is written in my wallet.", nameof(DedupVerdict.SlotChange) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void The_rule_gives_one_quantity_one_value_and_knows_a_name_alone(string stored, string incoming, string expected)
    {
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: true).Verdict.ToString());
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: false).Verdict.ToString());
    }

    [Fact]
    public void A_text_said_to_hold_now_in_words_of_its_own_is_never_absorbed_by_a_similar_one()
    {
        // Was a Duplicate (reinforced) whenever the caller found the texts similar: "senior" was lost.
        Assert.Equal(DedupVerdict.SlotChange, DedupRule.Compare("I'm a junior developer.", "I'm a senior developer now.", similar: true).Verdict);
        Assert.Equal(DedupVerdict.SlotChange, DedupRule.Compare("I'm a nurse.", "I'm a ward manager now.", similar: true).Verdict);
        // More words said "now", every word of the stored text kept: the same fact in fuller words, as before, not a change.
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare("I love hiking.", "I love hiking in the mountains now.", similar: true).Verdict);
        // "still" after who is dropped from the normalised key, not elsewhere ("still water").
        Assert.Equal(DedupVerdict.Distinct, DedupRule.Compare("I drink water.", "I drink still water.", similar: false).Verdict);
    }

    private static readonly string[] Subjects = ["I've", "We have", "My son has", "My sister has", "My parents have"];
    private static readonly string[] States = ["been married", "lived in Leeds", "worked at Google", "been learning piano", "had a dog", "been vegetarian", "played tennis", "known Tom"];
    private static readonly string[] Durations = ["years", "months", "weeks"];
    private static readonly string[] Rates =
    [
        "I smoke {N} cigarettes a day.", "I sleep {N} hours a night.", "I drink {N} cups of coffee a day.", "I take {N} mg of sertraline daily.",
        "I walk {N} km every morning.", "I earn £{N} a year.", "My son has {N} naps a day.", "I do {N} push-ups every morning.",
        "My daughter reads {N} books a month.", "We spend £{N} on food per week.",
    ];

    /// <summary>Generated pairs: a duration or a rate given another number is the same slot's new value whoever says it
    /// and whatever the numbers; another subject with the other number is another fact.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_duration_or_a_rate_with_another_number_is_its_new_value_and_another_subject_is_another_fact(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var (x, y) = (random.Next(2, 90), random.Next(2, 90));
            if (x == y)
            {
                continue;
            }

            string stored, changed, other;
            if (random.Next(2) == 0)
            {
                var (subject, state, unit) = (Subjects[random.Next(Subjects.Length)], States[random.Next(States.Length)], Durations[random.Next(Durations.Length)]);
                stored = $"{subject} {state} for {x} {unit}.";
                changed = $"{subject} {state} for {y} {unit}{(random.Next(2) == 0 ? " now" : string.Empty)}.";
                var another = Subjects.Where(s => s != subject).ElementAt(random.Next(Subjects.Length - 1));
                other = $"{another} {state} for {y} {unit}.";
            }
            else
            {
                var rate = Rates[random.Next(Rates.Length)];
                stored = rate.Replace("{N}", x.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                changed = rate.Replace("{N}", y.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                other = changed.StartsWith("I ", StringComparison.Ordinal) ? "My wife " + changed[2..].Replace("I ", "she ", StringComparison.Ordinal) : "My friend says " + changed;
            }

            foreach (var similar in new[] { true, false })
            {
                var verdict = DedupRule.Compare(stored, changed, similar);
                Assert.True(verdict.Verdict == DedupVerdict.SlotChange, $"'{stored}' -> '{changed}' (similar={similar}): {verdict}");
                Assert.True(DedupRule.Compare(stored, other, similar).Verdict == DedupVerdict.Distinct, $"'{stored}' -> '{other}' (similar={similar})");
            }
        }
    }

    [Theory]
    [InlineData("I've been married for 10 years.", "I've been married for 12 years.", MemoryEvent.Update)]
    [InlineData("I sleep 7 hours a night.", "I sleep 6 hours a night.", MemoryEvent.Update)]
    [InlineData("My dog Rex weighs 20 kg.", "Rex weighs 23 kg now.", MemoryEvent.Update)]
    [InlineData("My sister Anna lives in Leeds.", "Anna, my sister, lives in York now.", MemoryEvent.Update)]
    [InlineData("My sister Anna lives in Leeds.", "Anna lives in York now.", MemoryEvent.Update)]
    [InlineData("I live in Madrid.", "I live abroad now.", MemoryEvent.Update)]
    [InlineData("My passport expires in May 2027.", "My new passport expires in June 2036.", MemoryEvent.Update)]
    [InlineData("My daughter turned 5.", "My daughter is 6 now.", MemoryEvent.Update)]
    [InlineData("I live at 12 Baker Street.", "I live at 4 Elm Road now.", MemoryEvent.Update)]
    [InlineData("My PIN is written on a note.", "My PIN is written in my wallet.", MemoryEvent.Update)]
    [InlineData("My new phone is a Pixel 8.", "My phone is a Pixel 9 now.", MemoryEvent.Update)]
    [InlineData("I still live in Leeds.", "I live in York now.", MemoryEvent.Update)]
    [InlineData("I still work at Tesco.", "I work at Tesco.", MemoryEvent.Noop)]
    [InlineData("I've run 3 marathons.", "I've run 4 marathons.", MemoryEvent.Update)]
    [InlineData("My phone number ends in 4417.", "My phone number ends in 5520.", MemoryEvent.Update)]
    [InlineData("I play tennis twice a week.", "I play tennis three times a week now.", MemoryEvent.Update)]
    [InlineData("I have two children aged 5 and 8.", "I have two children aged 6 and 9.", MemoryEvent.Update)]
    [InlineData("I've been married for 10 years.", "I've been married since 2014.", MemoryEvent.Add)]
    [InlineData("My dog Rex weighs 20 kg.", "Max weighs 23 kg now.", MemoryEvent.Add)]
    [InlineData("I live in Madrid.", "I live abroad.", MemoryEvent.Add)]
    [InlineData("I take vitamin B6 daily.", "I take vitamin B12 daily.", MemoryEvent.Add)]
    [InlineData("I take Omega 3 daily.", "I take Omega 6 daily.", MemoryEvent.Add)]
    [InlineData("I have a daughter aged 5.", "I have a daughter aged 3.", MemoryEvent.Add)]
    [InlineData("I have a son aged 8.", "I have a son aged 12.", MemoryEvent.Add)]
    [InlineData("I've booked a table for 4 people.", "I've booked a table for 2 people.", MemoryEvent.Add)]
    public async Task A_direct_write_that_is_not_similar_updates_the_quantity_and_the_named_subject(string first, string second, MemoryEvent expected)
    {
        // Orthogonal vectors: only the rule and its prefilter relate the texts.
        _h.Embedder.Pin(first, Unit(0));
        _h.Embedder.Pin(second, Unit(1));
        await _h.Service.WriteAsync(Alice, [new NewMemory { Text = first }], null);

        var result = (await _h.Service.WriteAsync(Alice, [new NewMemory { Text = second }], null))[0];

        Assert.Equal(expected, result.Event);
        var current = await _h.Service.ListAsync(Alice, false);
        Assert.Equal(expected == MemoryEvent.Add ? 2 : 1, current.Count);
        if (expected == MemoryEvent.Update)
        {
            Assert.Equal(second, Assert.Single(current).Text);
        }
    }

    private static float[] Unit(int axis)
    {
        var v = new float[64];
        v[axis] = 1f;
        return v;
    }
}

using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Lossless de-duplication through the real gateway with the default MiniLM embedder, where the issue's
/// facts embed at a cosine above the merge threshold: distinct facts are both kept, a slot's new value updates with
/// history that says why, and a restatement adds nothing.</summary>
public sealed class DeduplicationTests(MiniLmGatewayFixture fixture) : IClassFixture<MiniLmGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    [Fact]
    public async Task Two_facts_that_differ_only_by_a_number_are_both_added()
    {
        MiniLmGatewayFixture.AssertMiniLmServes(fixture.Gateway);
        var user = MemoryGatewayFixture.NewUser("kiwi");

        var first = Assert.Single((await Api.WriteAsync(user, NewMemory("Durable fact 3 about kiwi-3."))).ExpectList("results"))!;
        var second = Assert.Single((await Api.WriteAsync(user, NewMemory("Durable fact 4 about kiwi-4."))).ExpectList("results"))!;

        Assert.Equal("ADD", (string?)first["event"]);
        Assert.Equal("ADD", (string?)second["event"]);
        Assert.Equal(["Durable fact 3 about kiwi-3.", "Durable fact 4 about kiwi-4."], (await Api.TextsAsync(user)).Order());
        var history = Assert.Single((await Api.HistoryAsync(user, Id(second))).ExpectList("history"))!;
        Assert.StartsWith("distinct", (string?)history["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_locker_code_updates_the_memory_and_history_keeps_the_old_code_and_the_reason()
    {
        var user = MemoryGatewayFixture.NewUser("locker");
        var first = Assert.Single((await Api.WriteAsync(user, NewMemory("My locker code is 4417."))).ExpectList("results"))!;
        var again = Assert.Single((await Api.WriteAsync(user, NewMemory("my locker code is 4417"))).ExpectList("results"))!;

        var second = Assert.Single((await Api.WriteAsync(user, NewMemory("My locker code is 5520."))).ExpectList("results"))!;

        Assert.Equal("NOOP", (string?)again["event"]);
        Assert.Equal("UPDATE", (string?)second["event"]);
        Assert.Equal(Id(first), Id(second));
        Assert.Equal(["My locker code is 5520."], await Api.TextsAsync(user));
        var history = (await Api.HistoryAsync(user, Id(first))).ExpectList("history");
        Assert.Equal(["new", "value-changed: number"], history.Select(h => (string?)h!["reason"]));
        Assert.Equal("My locker code is 4417.", Text(history[1]!["before"]));
    }

    /// <summary>Pairs from the thirteenth session's audit, written one after the other through the API: a swapped
    /// relative, food or count is a second fact (each was a NOOP or a "reinforced" swap that lost the first), a slot's
    /// new value said in other words replaces the old one with history (each was an ADD that left the stale value
    /// current), and a restatement in another spelling or time form adds nothing.</summary>
    [Theory]
    [InlineData("I'm allergic to milk, eggs and wheat.", "I'm allergic to milk, eggs and soy.", "ADD", "distinct: kind")]
    [InlineData("My aunt taught me to play chess when I was little.", "My uncle taught me to play chess when I was little.", "ADD", "distinct: kind")]
    [InlineData("My brother and my sister both live near me.", "My brother and my cousin both live near me.", "ADD", "distinct: kind")]
    [InlineData("I have 3 cats and 2 dogs.", "I have 2 cats and 3 dogs.", "ADD", "distinct: order")]
    [InlineData("I live in Manchester.", "I moved to Bristol.", "UPDATE", "value-changed: name")]
    [InlineData("I drink coffee every morning.", "I no longer drink coffee.", "UPDATE", "negated")]
    [InlineData("I'm single.", "I'm married now.", "UPDATE", "value-changed: number")]
    [InlineData("My favourite sport is tennis.", "My favourite sport is padel.", "UPDATE", "value-changed: kind")]
    [InlineData("I go to the gym on Mondays.", "I go to the gym on Tuesdays now.", "UPDATE", "value-changed: date")]
    // Another day of the same kind is a second fact (the tuned MiniLM finds the pair similar: kept for its date).
    [InlineData("I go to the gym on Mondays.", "I go to the gym on Thursdays.", "ADD", "distinct: date")]
    [InlineData("I wake up at 7am.", "I wake up at 07:00.", "NOOP", null)]
    [InlineData("I'm twenty-five.", "I'm 25.", "NOOP", null)]
    // Fifteenth session: another kind of value is no new value of the slot (each was an UPDATE that lost the first
    // fact), and a move said with when it happened is the home's new value (was an ADD that kept the old home).
    [InlineData("My brother was born in 1990.", "My brother was born in Leeds.", "ADD", null)]
    [InlineData("My locker code is 4417.", "My locker code is the same as my PIN.", "ADD", null)]
    [InlineData("My commute is 20 minutes.", "My commute is 12 miles.", "ADD", null)]
    [InlineData("My appointment is on Monday.", "My appointment is at 3pm.", "ADD", null)]
    [InlineData("I live in Leeds.", "I moved to York last month.", "UPDATE", "value-changed: unit, name")]
    [InlineData("Caroline is friends with Melanie.", "Caroline is friends with Jon.", "ADD", null)]
    // Guards: a count and an hour stay two facts; a slot's value of the same kind still updates.
    [InlineData("I have 5 cats.", "I have cats and feed them at 5pm.", "ADD", null)]
    [InlineData("My commute is 20 minutes.", "My commute is 35 minutes now.", "UPDATE", "value-changed: number")]
    // Sixteenth session: a daily routine's time said two ways is one value and a new time updates it (both were ADDs);
    // "the user's" is "my"; somewhere else "now" updates where someone is (were ADDs); an attribute narrowed by a word
    // is another attribute (was a "reinforced" UPDATE that replaced the personal number by the work number).
    [InlineData("I wake up at 6.", "I wake up at 6am.", "UPDATE", "refined: time")]
    [InlineData("I wake up at 6.", "I wake up at 7am.", "UPDATE", "value-changed: number, time")]
    [InlineData("The user's sister lives in Leeds.", "My sister moved to York.", "UPDATE", "value-changed: name")]
    [InlineData("My brother is in Leeds.", "My brother is in the city centre now.", "ADD", null)] // a place with no name may be part of Leeds: both kept
    [InlineData("My phone number is [PHONE].", "My work phone number is [PHONE].", "ADD", "distinct: wording")]
    [InlineData("My phone number is [PHONE].", "My phone number is [PHONE].", "NOOP", null)]
    [InlineData("My sister lives in Leeds.", "The user's sister lives in Leeds.", "NOOP", null)]
    [InlineData("I wake up at 6 on weekdays.", "I wake up at 9 at weekends.", "ADD", null)]
    [InlineData("My brother is in Leeds.", "My brother is in a band.", "ADD", null)]
    // Seventeenth session: a paraphrase below the cosine threshold adds nothing (each was an ADD: the fact twice); the
    // same words with values swapped between people or clauses stay two facts (each was a NOOP over the threshold); an
    // aversion is its own word (was a NOOP by the same normalised key).
    [InlineData("My favourite colour is blue.", "Blue is my favourite colour.", "NOOP", null)]
    [InlineData("I work as a nurse.", "I'm a nurse.", "NOOP", null)]
    [InlineData("I can't stand horror movies.", "I hate horror films.", "NOOP", null)]
    [InlineData("I grew up in Dublin.", "I was raised in Dublin.", "UPDATE", "reinforced")]
    [InlineData("I eat fish but not meat.", "I eat meat but not fish.", "ADD", null)]
    [InlineData("I drink coffee in the morning and tea at night.", "I drink tea in the morning and coffee at night.", "ADD", null)]
    [InlineData("I hate smoking.", "I quit smoking.", "ADD", null)]
    // Nineteenth session: a duration, a rate or a weight given another number, a person named alone or in an apposition,
    // a home abroad and a new passport were ADDs that left the old value current; "still" added nothing but was added.
    [InlineData("I've been married for 10 years.", "I've been married for 12 years.", "UPDATE", "value-changed: number")]
    [InlineData("I sleep 7 hours a night.", "I sleep 6 hours a night.", "UPDATE", "value-changed: number")]
    [InlineData("My dog Rex weighs 20 kg.", "Rex weighs 23 kg now.", "UPDATE", "value-changed: number")]
    [InlineData("My sister Anna lives in Leeds.", "Anna, my sister, lives in York now.", "UPDATE", "value-changed: name")]
    [InlineData("I live in Madrid.", "I live abroad now.", "UPDATE", "value-changed: name")]
    [InlineData("My passport expires in May 2027.", "My new passport expires in June 2036.", "UPDATE", "value-changed: number, date")]
    [InlineData("My PIN is written on a note.", "My PIN is written in my wallet.", "UPDATE", "value-changed")]
    [InlineData("I still work at Tesco.", "I work at Tesco.", "NOOP", null)]
    [InlineData("I've been married for 10 years.", "I've been married since 2014.", "ADD", null)]
    public async Task A_pair_written_one_after_the_other_keeps_every_fact_and_only_the_current_value(string first, string second, string expected, string? reason)
    {
        var user = MemoryGatewayFixture.NewUser("pair");
        var stored = Assert.Single((await Api.WriteAsync(user, NewMemory(first))).ExpectList("results"))!;

        var written = Assert.Single((await Api.WriteAsync(user, NewMemory(second))).ExpectList("results"))!;

        Assert.Equal(expected, (string?)written["event"]);
        string[] current = expected switch { "ADD" => [first, second], "UPDATE" => [second], _ => [first] };
        Assert.Equal(current.Order(StringComparer.Ordinal), (await Api.TextsAsync(user)).Order(StringComparer.Ordinal));
        if (reason is not null)
        {
            var history = (await Api.HistoryAsync(user, Id(written))).ExpectList("history");
            Assert.Equal(reason, (string?)history[^1]!["reason"]);
            if (expected == "UPDATE")
            {
                Assert.Equal(Id(stored), Id(written));
                Assert.Equal(first, Text(history[^1]!["before"]));
            }
        }
    }

    /// <summary>Fifteenth session: a phone number (kept redacted) was replaced by where the user keeps it, a
    /// "refined" UPDATE; where a value is kept is no value of the slot, so both stay.</summary>
    [Fact]
    public async Task Where_a_value_is_kept_is_added_beside_the_value()
    {
        var user = MemoryGatewayFixture.NewUser("phone");
        Assert.Single((await Api.WriteAsync(user, NewMemory("My phone number is 07700 900123."))).ExpectList("results"));

        var written = Assert.Single((await Api.WriteAsync(user, NewMemory("My phone number is on my CV."))).ExpectList("results"))!;

        Assert.Equal("ADD", (string?)written["event"]);
        Assert.Equal(["My phone number is [PHONE].", "My phone number is on my CV."], (await Api.TextsAsync(user)).Order(StringComparer.Ordinal));
    }
}

using Memory.Dedup;

namespace Memory.Tests.Dedup;

/// <summary>Hand-written pairs (stored, incoming) with the verdict the rule must give when the caller found them
/// similar (cosine or LLM): every number, date, time, unit, name and negation counts.</summary>
public sealed class DedupRuleTableTests
{
    public static TheoryData<string, string, string> Similar => new()
    {
        // The case: facts that differ only by a number are two facts.
        { "Durable fact 3 about kiwi-3.", "Durable fact 4 about kiwi-4.", nameof(DedupVerdict.Distinct) },
        { "Durable fact 3 about kiwi-3.", "durable fact 3 about KIWI-3!", nameof(DedupVerdict.Duplicate) },
        // Same slot, new value.
        { "My locker code is 4417.", "My locker code is 5520.", nameof(DedupVerdict.SlotChange) },
        { "My locker code is 4417.", "My locker code is now 5520.", nameof(DedupVerdict.SlotChange) },
        { "The user's flight is on May 3 at 10am.", "The user's flight is on May 5 at 10am.", nameof(DedupVerdict.SlotChange) },
        { "Alice lives in Lyon.", "Alice lives in Paris.", nameof(DedupVerdict.SlotChange) },
        // One school at a time: a school after "goes to" / "attends" is the slot's value; other places are not.
        { "My son goes to Hillside Primary.", "My son goes to Oakwood Primary.", nameof(DedupVerdict.SlotChange) },
        { "My daughter attends Leeds University.", "My daughter attends York University.", nameof(DedupVerdict.SlotChange) },
        { "I go to Leeds University.", "I go to York University.", nameof(DedupVerdict.SlotChange) },
        { "My son goes to Hillside Primary.", "My daughter goes to Oakwood Primary.", nameof(DedupVerdict.Distinct) },
        { "My favourite colour is blue.", "My favourite colour is green.", nameof(DedupVerdict.SlotChange) },
        { "Tom is 5 years old.", "Tom is 6 years old.", nameof(DedupVerdict.SlotChange) },
        // Negation: the same statement negated is the slot's new value; a negated different statement is a new fact.
        { "I like horror movies.", "I don't like horror movies.", nameof(DedupVerdict.SlotChange) },
        { "Alice eats meat.", "Alice does not eat meat.", nameof(DedupVerdict.SlotChange) },
        { "I like cats.", "I dislike cats.", nameof(DedupVerdict.SlotChange) },
        { "I like horror movies.", "I never watch horror movies at night.", nameof(DedupVerdict.Distinct) },
        // Numbers, names, dates, times and units that differ: distinct facts.
        { "My son is in room 12.", "My daughter is in room 14.", nameof(DedupVerdict.Distinct) },
        { "The user has a dog named Rex.", "The user has a dog named Max.", nameof(DedupVerdict.Distinct) },
        { "I run 5 km every morning.", "I run 5 miles every morning.", nameof(DedupVerdict.Distinct) },
        { "I run 5 km every morning.", "I run 5 km every evening.", nameof(DedupVerdict.Distinct) },
        { "The team meeting is every Monday.", "The team meeting is every Tuesday.", nameof(DedupVerdict.SlotChange) },
        { "I call my mother on Sundays.", "I call my mother on Saturdays.", nameof(DedupVerdict.Distinct) },
        { "I take 20 mg of vitamin D.", "I take 20 mcg of vitamin D.", nameof(DedupVerdict.Distinct) },
        { "We met in 2019.", "We met in 2021.", nameof(DedupVerdict.Distinct) },
        { "My gym class starts at 6:30.", "My gym class starts at 7:30.", nameof(DedupVerdict.Distinct) },
        // The user's own single-valued attributes are slots (tenth session's audit: these were kept side by side).
        { "I have two cats.", "I have three cats.", nameof(DedupVerdict.SlotChange) },
        { "I have two cats.", "I have three dogs.", nameof(DedupVerdict.Distinct) },
        { "I have two cats.", "I also have three dogs.", nameof(DedupVerdict.Distinct) },
        { "I'm 34.", "I'm 35.", nameof(DedupVerdict.SlotChange) },
        { "I am 34 years old.", "I am 35 years old.", nameof(DedupVerdict.SlotChange) },
        { "The user is 34 years old", "The user is 35", nameof(DedupVerdict.SlotChange) },
        { "I'm 34 years old.", "I am 34.", nameof(DedupVerdict.Duplicate) },
        { "I weigh 80 kg.", "I weigh 76 kg.", nameof(DedupVerdict.SlotChange) },
        { "The user weighs 80 kg", "The user weighs 76 kg", nameof(DedupVerdict.SlotChange) },
        { "I am 1.80 m tall.", "I am 1.85 m tall.", nameof(DedupVerdict.SlotChange) },
        // The session's review: a unit says what is measured, and "at night" names no employer.
        { "I am 34 years old.", "I am 5 ft 10.", nameof(DedupVerdict.Distinct) },
        { "I am 6 ft.", "I am 180 cm.", nameof(DedupVerdict.SlotChange) },
        { "I work at Acme.", "I work at weekends.", nameof(DedupVerdict.Distinct) },
        { "I have 2 kids.", "I have 2 kids now.", nameof(DedupVerdict.Duplicate) },
        { "I have a dog.", "I had a dog.", nameof(DedupVerdict.SlotChange) },
        { "The user is vegetarian", "The user was vegetarian", nameof(DedupVerdict.SlotChange) },
        { "I smoke.", "I used to smoke.", nameof(DedupVerdict.SlotChange) },
        { "I had a dog.", "I had a dog called Rex.", nameof(DedupVerdict.Refinement) },
        { "I have 2 kids.", "I have 3 kids now.", nameof(DedupVerdict.SlotChange) },
        { "The user works at Acme", "The user works at night", nameof(DedupVerdict.Distinct) },
        { "I live in Lyon.", "I live in Paris.", nameof(DedupVerdict.SlotChange) },
        { "I'm based in Leeds.", "I'm based in York.", nameof(DedupVerdict.SlotChange) },
        { "I work at Google.", "I work at Microsoft.", nameof(DedupVerdict.SlotChange) },
        { "I work at Google.", "I also work at Starbucks on weekends.", nameof(DedupVerdict.Distinct) },
        { "I can swim.", "I can't swim.", nameof(DedupVerdict.SlotChange) },
        { "My dog is friendly.", "My dog isn't friendly.", nameof(DedupVerdict.SlotChange) },
        { "I visited Rome with Anna.", "I visited Rome with Maria.", nameof(DedupVerdict.Distinct) },
        { "Flight AA123 departs from gate 4.", "Flight AA124 departs from gate 4.", nameof(DedupVerdict.Distinct) },
        // Paraphrases that keep every detail add nothing.
        { "I have two cats.", "I have 2 cats.", nameof(DedupVerdict.Duplicate) },
        { "Alice is vegetarian.", "alice is VEGETARIAN", nameof(DedupVerdict.Duplicate) },
        { "I was born on 4 July 1990.", "I was born on July 4th, 1990.", nameof(DedupVerdict.Duplicate) },
        { "The user enjoys hiking in the Alps.", "The user loves hiking in the Alps.", nameof(DedupVerdict.Duplicate) },
        { "I never eat pork.", "I do not eat pork.", nameof(DedupVerdict.Duplicate) },
        // More detail, nothing dropped: a refinement. Less detail: nothing added.
        { "Alice lives in Lyon.", "Alice lives in Lyon, France.", nameof(DedupVerdict.Refinement) },
        { "The user has a dog.", "The user has a dog named Rex.", nameof(DedupVerdict.Refinement) },
        { "The user has a dog named Rex.", "The user has a dog.", nameof(DedupVerdict.Duplicate) },
        { "I swim on Mondays at 7am.", "I swim on Mondays.", nameof(DedupVerdict.Duplicate) },
        // Signs and symbols are part of the value (the eighth session's fidelity audit): A+ is not A-, -18 is not 18,
        // C++ and C# are not C.
        { "My blood type is A+.", "My blood type is A-.", nameof(DedupVerdict.SlotChange) },
        { "my blood type is a+", "my blood type is a-", nameof(DedupVerdict.SlotChange) },
        { "My blood type is A+.", "my blood type is a+", nameof(DedupVerdict.Duplicate) },
        { "My freezer is set to -18 degrees.", "My freezer is set to 18 degrees.", nameof(DedupVerdict.SlotChange) },
        { "The lake was at −3 °C this morning.", "The lake was at 3 °C this morning.", nameof(DedupVerdict.SlotChange) },
        { "I program mainly in C++.", "I program mainly in C.", nameof(DedupVerdict.Distinct) },
        { "I program mainly in C#.", "I program mainly in C.", nameof(DedupVerdict.Distinct) },
        { "I program mainly in c#.", "I program mainly in c++.", nameof(DedupVerdict.Distinct) },
        { "I've lived here for 5+ years.", "I've lived here for 5 years.", nameof(DedupVerdict.Distinct) },
        { "Our well-known bakery sells rye.", "Our well known bakery sells rye.", nameof(DedupVerdict.Duplicate) },
        // A decimal comma is a decimal point; a thousands separator groups three digits.
        { "My daughter's medicine dose is 1,5 ml.", "My daughter's medicine dose is 15 ml.", nameof(DedupVerdict.SlotChange) },
        { "My daughter's medicine dose is 15 ml.", "My daughter's medicine dose is 1,5 ml.", nameof(DedupVerdict.SlotChange) },
        { "My daughter's medicine dose is 1,5 ml.", "My daughter's medicine dose is 1.5 ml.", nameof(DedupVerdict.Duplicate) },
        { "Our village has 1,500 people.", "Our village has 1500 people.", nameof(DedupVerdict.Duplicate) },
        { "Our village has 1,500 people.", "Our village has 1,5 people.", nameof(DedupVerdict.Distinct) },
        // A date's parts in another order are another date.
        { "My appointment is on 2024-03-05.", "My appointment is on 2024-05-03.", nameof(DedupVerdict.SlotChange) },
        { "My appointment is on 03/05/2024.", "My appointment is on 05/03/2024.", nameof(DedupVerdict.SlotChange) },
        { "My appointment is on 2024-03-05.", "my appointment is on 2024-03-05!", nameof(DedupVerdict.Duplicate) },
        // Word order that carries the meaning, and the small words that turn it round.
        { "I prefer tea over coffee.", "I prefer coffee over tea.", nameof(DedupVerdict.Distinct) },
        { "My favourite bands, in order, are Muse, Blur and Oasis.", "My favourite bands, in order, are Oasis, Blur and Muse.", nameof(DedupVerdict.SlotChange) },
        { "I like tea and coffee.", "I like coffee and tea.", nameof(DedupVerdict.Duplicate) },
        { "I sleep before midnight.", "I sleep after midnight.", nameof(DedupVerdict.Distinct) },
        { "I earn more than my brother.", "I earn less than my brother.", nameof(DedupVerdict.Distinct) },
        { "I take my coffee with sugar.", "I take my coffee without sugar.", nameof(DedupVerdict.Distinct) },
        { "I sleep before midnight on weekdays.", "I sleep after midnight.", nameof(DedupVerdict.Distinct) },
        // ... while reorderings that keep the meaning stay one fact (the review of that change).
        { "I go to the gym on Mondays.", "On Mondays I go to the gym.", nameof(DedupVerdict.Duplicate) },
        { "I moved to Berlin in 2019.", "In 2019 I moved to Berlin.", nameof(DedupVerdict.Duplicate) },
        { "I take my kids to school at 8am.", "At 8am I take my kids to school.", nameof(DedupVerdict.Duplicate) },
        { "I walk my dog before work.", "Before work I walk my dog.", nameof(DedupVerdict.Duplicate) },
        { "I am allergic to peanuts and shellfish.", "I am allergic to shellfish and peanuts.", nameof(DedupVerdict.Duplicate) },
        { "I go to Spain and Italy every summer.", "I go to Italy and Spain every summer.", nameof(DedupVerdict.Duplicate) },
        { "I moved from Boston to Denver.", "I moved from Denver to Boston.", nameof(DedupVerdict.Distinct) },
        { "I moved to Denver from Boston.", "I moved from Boston to Denver.", nameof(DedupVerdict.Duplicate) },
        { "I'd rather have tea than coffee.", "I'd rather have coffee than tea.", nameof(DedupVerdict.Distinct) },
        // Ranges, spans and hyphens read as their parts.
        { "I run 5-10 km a week.", "I run 5 to 10 km a week.", nameof(DedupVerdict.Duplicate) },
        { "I run 5-10 km a week.", "I run 5–10 km a week.", nameof(DedupVerdict.Duplicate) },
        { "I run 5-10 km a week.", "I run 5-12 km a week.", nameof(DedupVerdict.Distinct) },
        { "My shift is 10:30-11:00.", "My shift is 10:30 to 11:00.", nameof(DedupVerdict.Duplicate) },
        { "I moved to Berlin--it's great.", "I moved to Berlin, it's great.", nameof(DedupVerdict.Duplicate) },
        { "I love Berlin- it's great.", "I love Berlin, it's great.", nameof(DedupVerdict.Duplicate) },
        { "I am non-binary.", "I am nonbinary.", nameof(DedupVerdict.Duplicate) },
        { "It was -18 degrees in Oslo.", "It was minus 18 degrees in Oslo.", nameof(DedupVerdict.Duplicate) },
        { "I have 1,00,000 rupees saved.", "I have 100000 rupees saved.", nameof(DedupVerdict.Duplicate) },
        { "I have Fridays off.", "I'm off on Fridays.", nameof(DedupVerdict.Duplicate) },
        { "I read non-fiction.", "I read nonfiction.", nameof(DedupVerdict.Duplicate) },
        // Scripts written without spaces: each character is a word, and Chinese numerals are numbers.
        { "我女儿十二岁", "我女儿二十岁", nameof(DedupVerdict.Distinct) },
        { "我爸爸三十五岁", "我爸爸五十三岁", nameof(DedupVerdict.Distinct) },
        { "我女儿十二岁", "我女儿12岁", nameof(DedupVerdict.Duplicate) },
        { "我一直喜欢猫", "我一直喜欢猫！", nameof(DedupVerdict.Duplicate) },
        { "我有一只猫", "我有一只狗", nameof(DedupVerdict.Distinct) },
        { "我女儿六岁", "我女儿七岁", nameof(DedupVerdict.Distinct) },
        { "我有一只猫", "我有一只猫。", nameof(DedupVerdict.Duplicate) },
        // Negations of other languages.
        { "ich trinke Kaffee", "ich trinke keinen Kaffee", nameof(DedupVerdict.SlotChange) },
        { "je mange de la viande", "je ne mange pas de viande", nameof(DedupVerdict.Distinct) },
        // A correction's opening word is not part of the slot.
        { "My daughter is 6.", "Actually my daughter is 7, not 6.", nameof(DedupVerdict.SlotChange) },
        { "My locker code is 4417.", "Correction: my locker code is 5520.", nameof(DedupVerdict.SlotChange) },
    };

    /// <summary>A text past what a sentence model reads (MiniLM stops at 256 word pieces) is "similar" to anything
    /// that starts the same way: a changed word at its end must still make it another fact.</summary>
    [Fact]
    public void A_long_text_that_changes_a_word_beyond_the_models_window_is_another_fact()
    {
        var diary = string.Concat(Enumerable.Repeat("Today I walked to the market and bought bread and apples. ", 30));
        var stored = diary + "I am close to my brother, and I am allergic to penicillin.";
        var incoming = diary + "I am close to my sister, and I am allergic to amoxicillin.";

        Assert.Equal(DedupVerdict.Distinct, DedupRule.Compare(stored, incoming, similar: true).Verdict);
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare(stored, stored.ToUpperInvariant(), similar: true).Verdict);
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare(stored, diary + "I am close to my brother.", similar: true).Verdict);
    }

    [Theory]
    [MemberData(nameof(Similar))]
    public void Similar_pairs_get_the_expected_verdict(string stored, string incoming, string expected) =>
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: true).Verdict.ToString());

    public static TheoryData<string, string, string> Unrelated => new()
    {
        { "I like jazz.", "I like rock.", nameof(DedupVerdict.Distinct) },
        { "I have two cats.", "I have 2 cats.", nameof(DedupVerdict.Distinct) },
        { "My locker code is 4417.", "My locker code is 5520.", nameof(DedupVerdict.SlotChange) },
        { "I like horror movies.", "I don't like horror movies.", nameof(DedupVerdict.SlotChange) },
        { "Alice is vegetarian.", "ALICE IS VEGETARIAN!", nameof(DedupVerdict.Duplicate) },
        { "My dog is a collie.", "My dog is called Rex.", nameof(DedupVerdict.Distinct) },
        { "I am 34.", "I am 35.", nameof(DedupVerdict.SlotChange) },
        { "I live in Lyon.", "I live in Paris.", nameof(DedupVerdict.SlotChange) },
        { "My son goes to Hillside Primary.", "My son goes to Oakwood Primary.", nameof(DedupVerdict.SlotChange) },
        { "I attend Leeds University.", "I attend York University.", nameof(DedupVerdict.SlotChange) },
        { "My son goes to swimming club on Mondays.", "My son goes to chess club on Mondays.", nameof(DedupVerdict.Distinct) },
        { "I go to the gym.", "I go to yoga.", nameof(DedupVerdict.Distinct) },
        { "The user goes to the gym after school.", "The user goes to piano lessons after school.", nameof(DedupVerdict.Distinct) },
        { "My daughter goes to the school play on Friday.", "My daughter goes to the school disco on Friday.", nameof(DedupVerdict.Distinct) },
        { "I go to the University of Leeds.", "I go to the University of York.", nameof(DedupVerdict.SlotChange) },
        { "I have two cats.", "I have three cats.", nameof(DedupVerdict.SlotChange) },
        { "I can swim.", "I can't swim.", nameof(DedupVerdict.SlotChange) },
        { "I speak French.", "I speak German.", nameof(DedupVerdict.Distinct) },
        { "I'm allergic to peanuts.", "I'm allergic to shellfish.", nameof(DedupVerdict.Distinct) },
        // Accents typed or not: the same text (the eighth session's audit found both kept).
        { "We meet at Café Central.", "We meet at Cafe Central.", nameof(DedupVerdict.Duplicate) },
        { "My sister lives in São Paulo.", "My sister lives in Sao Paulo.", nameof(DedupVerdict.Duplicate) },
        { "My sister lives in São Paulo.", "My sister lives in Sa\u0303o Paulo.", nameof(DedupVerdict.Duplicate) },
        // Only Latin accents fold: a Devanagari vowel sign is part of its word ("कल" tomorrow, "कुल" total).
        { "मैं कल जाऊंगा", "मैं कुल जाऊंगा", nameof(DedupVerdict.Distinct) },
    };

    [Theory]
    [MemberData(nameof(Unrelated))]
    public void Without_similarity_only_text_slot_and_negation_matches_count(string stored, string incoming, string expected) =>
        Assert.Equal(expected, DedupRule.Compare(stored, incoming, similar: false).Verdict.ToString());

    [Fact]
    public void The_reason_names_the_details_that_differ()
    {
        Assert.Equal("distinct: number", DedupRule.Compare("Durable fact 3 about kiwi-3.", "Durable fact 4 about kiwi-4.", true).Reason);
        Assert.Equal("value-changed: number", DedupRule.Compare("My locker code is 4417.", "My locker code is 5520.", true).Reason);
        Assert.Equal("value-changed: date, time", DedupRule.Compare("The call is on Monday at 9am.", "The call is on Friday at 9pm.", false).Reason);
        Assert.Equal("distinct: unit", DedupRule.Compare("I run 5 km every morning.", "I run 5 miles every morning.", true).Reason);
        Assert.Equal("negated", DedupRule.Compare("I like horror movies.", "I don't like horror movies.", true).Reason);
        Assert.Equal("refined: name", DedupRule.Compare("Alice lives in Lyon.", "Alice lives in Lyon, France.", true).Reason);
        Assert.Equal("distinct: order", DedupRule.Compare("I prefer tea over coffee.", "I prefer coffee over tea.", true).Reason);
        Assert.Equal("distinct: relation", DedupRule.Compare("I sleep before midnight.", "I sleep after midnight.", true).Reason);
        Assert.Equal("distinct: wording", DedupRule.Compare("我有一只猫", "我有一只狗", true).Reason);
    }

    /// <summary>A compression summary stands for its members only when it drops nothing and adds nothing.</summary>
    [Theory]
    [InlineData("The user likes jazz piano, guitar and saxophone music", true)]
    [InlineData("The user likes things", false)]
    [InlineData("The user likes jazz piano and guitar music", false)]
    [InlineData("The user likes jazz piano, guitar and saxophone music and is allergic to penicillin", false)]
    [InlineData("Bob Smith is the user's husband; the user likes jazz piano, guitar and saxophone music", false)]
    public void A_summary_keeps_every_members_words_and_adds_none(string summary, bool expected) =>
        Assert.Equal(expected, DedupRule.Summarizes(summary, ["The user likes jazz piano music", "The user likes jazz guitar music", "The user likes jazz saxophone music"]));

    [Theory]
    [InlineData("The user has a cat named Tom, 3 years old", "The user's cat Tom is 3 years old", true)]
    [InlineData("The user has a cat named Tom", "The user's cat Tom is 3 years old", false)]
    [InlineData("The user likes tea", "The user doesn't like tea", false)]
    [InlineData("The user speaks French and Spanish", "The user speaks Spanish", true)]
    public void Keeps_checks_that_a_merged_text_holds_every_detail_of_a_fact(string merged, string fact, bool expected) =>
        Assert.Equal(expected, DedupRule.Keeps(merged, fact));
}

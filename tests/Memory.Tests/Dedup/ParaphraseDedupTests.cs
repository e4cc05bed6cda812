using Memory.Dedup;

namespace Memory.Tests.Dedup;

/// <summary>One statement in other words is one fact even where the caller's cosine fell short of its threshold (the
/// dedup-lab pairs: with the tuned MiniLM at 0.92, 17 of 25 such pairs were kept twice); and the wordings that only
/// share a bag of words, or say the same words of other people, stay two facts.</summary>
public sealed class ParaphraseDedupTests
{
    public static TheoryData<string, string> Paraphrases => new()
    {
        { "My favourite colour is blue.", "Blue is my favourite colour." },
        { "I go to the gym every morning.", "Every morning I go to the gym." },
        { "I like hiking.", "I enjoy hiking." },
        { "I'm scared of heights.", "I'm afraid of heights." },
        { "I can't stand horror movies.", "I hate horror films." },
        { "I hate cilantro.", "I can't stand cilantro." },
        { "I don't drink alcohol.", "I never drink alcohol." },
        { "I grew up in Dublin.", "I was raised in Dublin." },
        { "My wife is called Anna.", "My wife's name is Anna." },
        { "I wake up at 6am every day.", "Every day I get up at 6am." },
        { "I work as a nurse.", "I'm a nurse." },
        { "I'm a software engineer.", "I work as a software engineer." },
        { "My sister works as a lawyer.", "My sister is a lawyer." },
        { "I live in Leeds.", "I'm based in Leeds." },
        { "I have a peanut allergy.", "I am allergic to peanuts." },
        { "The user's favourite film is Alien.", "My favorite movie is Alien." },
        { "I really love jazz.", "I love jazz." },
    };

    public static TheoryData<string, string> SameWordsOtherFacts => new()
    {
        // Other people in other places of the sentence.
        { "I owe Tom money.", "Tom owes me money." },
        { "Tom likes Anna.", "Anna likes Tom." },
        { "My sister likes my dog.", "My dog likes my sister." },
        { "I like my sister's dog.", "My sister likes my dog." },
        // An aversion is not a plain "not", nor another aversion.
        { "I hate smoking.", "I quit smoking." },
        { "I avoid gluten.", "I hate gluten." },
        { "I don't like cilantro.", "I hate cilantro." },
        // Other words, other facts.
        { "I live in Leeds.", "I work in Leeds." },
        { "I work from home.", "I work from the office." },
        { "I read science fiction.", "I read fantasy novels." },
        { "I like hiking.", "I like climbing." },
        { "I like hiking.", "I love hiking." },
        { "I'm saving for a house.", "I'm saving for a car." },
        { "I have a dog.", "I had a dog." },
        { "I was raised in Dublin.", "I live in Dublin." },
        // The session's review: the small words that relate the others, tense and modality (each was a Duplicate).
        { "I moved to Paris.", "I moved from Paris." },
        { "I moved to London from Paris.", "I moved from London to Paris." },
        { "My wife is from Spain.", "My wife is in Spain." },
        { "I work for my father.", "I work with my father." },
        { "I take my son to school.", "I take my son from school." },
        { "I'm in Tokyo until Friday.", "I'm in Tokyo from Friday." },
        { "I talk to my mother every day.", "I talk about my mother every day." },
        { "I smoke.", "I smoked." },
        { "I live in Leeds.", "I lived in Leeds." },
        { "I work at Google.", "I worked at Google." },
        { "I will retire next year.", "I retired next year." },
        { "I will be a nurse.", "I am a nurse." },
        { "I should exercise more.", "I exercise more." },
        { "I could be pregnant.", "I am pregnant." },
        { "I'd love a dog.", "I love dogs." },
        { "I'd like to learn Spanish.", "I like to learn Spanish." },
        { "I can't stand on my left leg.", "I hate my left leg." },
        { "My son can't stand for long after surgery.", "My son hates long surgery." },
    };

    /// <summary>The same words with values swapped between people, clauses or sides of a preference: before, a cosine
    /// over the threshold made each of these one fact and the second was lost.</summary>
    public static TheoryData<string, string> Swapped => new()
    {
        { "My daughter is 5 and my son is 7.", "My daughter is 7 and my son is 5." },
        { "My daughter is 5, my son is 7.", "My son is 5, my daughter is 7." },
        { "Tom is 30 and Anna is 28.", "Tom is 28 and Anna is 30." },
        { "My mum lives in Leeds and my dad lives in York.", "My mum lives in York and my dad lives in Leeds." },
        { "I eat fish but not meat.", "I eat meat but not fish." },
        { "I hate tea but like coffee.", "I hate coffee but like tea." },
        { "I drink coffee in the morning and tea at night.", "I drink tea in the morning and coffee at night." },
        { "I work Mondays at the bar and Tuesdays at the cafe.", "I work Tuesdays at the bar and Mondays at the cafe." },
        { "I prefer tea to coffee.", "I prefer coffee to tea." },
        { "I teach my son piano.", "My son teaches me piano." },
        { "I cook and my wife cleans.", "My wife cooks and I clean." },
        { "Tom lives in Paris and Anna in London.", "Tom lives in London and Anna in Paris." },
        { "Tom flies to Paris and Anna to Rome.", "Tom flies to Rome and Anna to Paris." },
    };

    /// <summary>Reorderings that keep every value with its owner are one fact.</summary>
    public static TheoryData<string, string> Reordered => new()
    {
        { "On Mondays I swim at 7am.", "I swim at 7am on Mondays." },
        { "Anna is my wife.", "My wife is Anna." },
        { "I'm allergic to peanuts, shellfish and eggs.", "I'm allergic to eggs, peanuts and shellfish." },
        { "I like hiking and swimming in summer.", "I like swimming and hiking in summer." },
        { "On Mondays and Wednesdays I swim.", "I swim on Wednesdays and Mondays." },
        { "Every morning Tom walks Rex.", "Tom walks Rex every morning." },
        { "I go to Spain and Italy every summer.", "I go to Italy and Spain every summer." },
        { "My daughter is 5, my son is 7.", "My daughter is 5 and my son is 7." },
        { "I live in Leeds with my wife.", "With my wife, I live in Leeds." },
    };

    [Theory]
    [MemberData(nameof(Swapped))]
    public void Values_swapped_between_owners_are_never_absorbed(string stored, string incoming)
    {
        Assert.NotEqual(DedupVerdict.Duplicate, DedupRule.Compare(stored, incoming, similar: true).Verdict);
        Assert.NotEqual(DedupVerdict.Duplicate, DedupRule.Compare(incoming, stored, similar: true).Verdict);
    }

    [Theory]
    [MemberData(nameof(Reordered))]
    public void A_reordering_that_keeps_each_value_with_its_owner_is_one_fact(string stored, string incoming) =>
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare(stored, incoming, similar: true).Verdict);

    [Theory]
    [MemberData(nameof(Paraphrases))]
    public void A_paraphrase_is_one_fact_whatever_the_cosine(string stored, string incoming)
    {
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare(stored, incoming, similar: false).Verdict);
        Assert.Equal(DedupVerdict.Duplicate, DedupRule.Compare(incoming, stored, similar: false).Verdict);
        Assert.True(new DedupPrefilter(incoming).MayRelate(stored));
    }

    [Theory]
    [MemberData(nameof(SameWordsOtherFacts))]
    public void Other_people_aversions_and_words_stay_apart(string stored, string incoming)
    {
        Assert.NotEqual(DedupVerdict.Duplicate, DedupRule.Compare(stored, incoming, similar: false).Verdict);
        Assert.NotEqual(DedupVerdict.Duplicate, DedupRule.Compare(incoming, stored, similar: false).Verdict);
    }
}

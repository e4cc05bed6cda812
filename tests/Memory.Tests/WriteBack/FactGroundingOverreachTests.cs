using Memory.WriteBack;
using Memory.WriteBack.Extraction;

namespace Memory.Tests.WriteBack;

/// <summary>Facts whose words the user said but which say more than the user did: a taste denied after its words ("X
/// isn't my thing"), a place or employer the user only named a role for ("carer" is no "care home"), a degree the user
/// did not claim ("a little Arabic" is not fluent), and a present home or job the user only had ("I've lived in ...").
/// Each rule: the case that found it, near variants that must be dropped, and paraphrases that must still be kept.</summary>
public sealed class FactGroundingOverreachTests
{
    [Theory]
    [InlineData("Horror films aren't really my thing", "The user likes horror films")]
    [InlineData("Jazz is not my cup of tea", "The user likes jazz")]
    [InlineData("camping isn't for me", "The user enjoys camping")]
    [InlineData("Reality TV doesn't appeal to me", "The user likes reality TV")]
    [InlineData("Sushi has never really appealed to me", "The user loves sushi")]
    [InlineData("Board games? Not for me.", "The user likes board games")]
    [InlineData("football doesn't interest me much", "The user is a football fan")]
    [InlineData("Opera, honestly, is not my kind of thing", "The user enjoys opera")]
    [InlineData("My new flat isn't really for me", "The user likes their new flat")]
    [InlineData("I think horror films aren't my thing", "The user likes horror films")]
    [InlineData("Coffee isn't something I drink", "The user drinks coffee")]
    public void A_taste_denied_after_its_words_grounds_no_liking(string said, string fact) =>
        Assert.Equal(FactGrounding.NegationRule, FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("Horror films are my thing", "The user likes horror films")]
    [InlineData("Horror films aren't really my thing", "The user dislikes horror films")]
    [InlineData("Horror films aren't really my thing", "The user doesn't like horror films")]
    [InlineData("Jazz is totally my cup of tea", "The user likes jazz")]
    [InlineData("Camping is for me, hotels aren't", "The user enjoys camping")]
    [InlineData("Dogs don't appeal to me but cats do", "The user likes cats")]
    [InlineData("Horror films aren't my thing but I love horror podcasts", "The user loves horror podcasts")]
    [InlineData("I love jazz that isn't too loud", "The user loves jazz")]
    [InlineData("I love jazz and hip hop isn't for me", "The user loves jazz")]
    [InlineData("Crowds don't bother me", "The user is fine with crowds")]
    [InlineData("Cooking isn't just for me, I cook for the whole family", "The user cooks for their family")]
    [InlineData("My new flat isn't really for me", "The user has a new flat")]
    [InlineData("I don't mind horror films", "The user doesn't mind horror films")]
    [InlineData("I don't mind horror films", "The user is fine with horror films")]
    public void A_taste_said_or_denied_as_the_fact_says_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I'm a full-time carer for my mum", "The user works at a care home")]
    [InlineData("I'm a carer for my dad", "The user works in a care home")]
    [InlineData("I look after my mum at home full-time", "The user works at a care home")]
    [InlineData("I'm a full-time carer for my mum at home", "The user works at a care home")]
    [InlineData("I'm a farmer", "The user works on a farm")]
    [InlineData("I'm a farmer", "The user lives on a farm")]
    [InlineData("I'm a baker", "The user works at a bakery")]
    [InlineData("I teach primary kids", "The user works at a primary school")]
    [InlineData("I'm a nurse at a local clinic", "The user works at a local hospital")]
    public void A_place_or_employer_the_user_did_not_name_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.PlaceRule, FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I work as a carer at Sunrise care home", "The user works at a care home")]
    [InlineData("I'm a full-time carer for my mum", "The user is a full-time carer for their mum")]
    [InlineData("I work at a bakery", "The user works at a bakery")]
    [InlineData("I teach at a primary school", "The user works at a primary school")]
    [InlineData("I work in food", "The user works in the food industry")]
    [InlineData("I'm a developer at a software firm", "The user works at a software company")]
    [InlineData("I work at the hospital", "The user works at a local hospital")]
    [InlineData("We live on a farm in Wales", "The user lives on a farm in Wales")]
    [InlineData("I work from home", "The user works from home")]
    [InlineData("I work at Google's London office", "The user works at Google in London")]
    [InlineData("I work at a bank", "The user works in banking")]
    public void A_place_or_employer_the_user_named_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I speak a little Arabic", "The user is fluent in Arabic")]
    [InlineData("I speak Swahili and a little Arabic", "The user is fluent in Arabic")]
    [InlineData("I have basic Spanish", "The user speaks fluent Spanish")]
    [InlineData("I'm conversational in Hindi", "The user speaks Hindi fluently")]
    [InlineData("I'm learning Japanese to become fluent", "The user is fluent in Japanese")]
    [InlineData("I want to be fluent in Italian", "The user is fluent in Italian")]
    [InlineData("I speak some French", "The user is a native French speaker")]
    [InlineData("I'm fluent in Portuguese", "The user is a native Portuguese speaker")]
    [InlineData("I speak Arabic fluently and a little French", "The user is fluent in French")]
    [InlineData("I like cooking", "The user is an expert cook")]
    [InlineData("I take photos as a hobby", "The user is a professional photographer")]
    [InlineData("I go running sometimes", "The user runs every day")]
    [InlineData("I swim occasionally", "The user always swims")]
    [InlineData("I play chess", "The user plays chess daily")]
    [InlineData("I don't mind horror films", "The user likes horror films")]
    public void A_degree_the_user_did_not_claim_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.DegreeRule, FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I'm fluent in Arabic", "The user is fluent in Arabic")]
    [InlineData("I speak Arabic fluently", "The user is fluent in Arabic")]
    [InlineData("Arabic is my first language", "The user is a native Arabic speaker")]
    [InlineData("Arabic is my mother tongue", "The user is fluent in Arabic")]
    [InlineData("I'm bilingual in English and Arabic", "The user is fluent in Arabic")]
    [InlineData("Arabic? Yes, I'm fluent", "The user is fluent in Arabic")]
    [InlineData("I speak a little Arabic", "The user speaks a little Arabic")]
    [InlineData("I speak a little Arabic", "The user speaks Arabic")]
    [InlineData("I'm learning Arabic and want to become fluent", "The user wants to become fluent in Arabic")]
    [InlineData("I cook professionally", "The user is a professional cook")]
    [InlineData("I work as a photographer", "The user is a professional photographer")]
    [InlineData("I run every day", "The user runs daily")]
    [InlineData("I swim daily", "The user swims every day")]
    [InlineData("I never miss my morning run", "The user runs every day")]
    [InlineData("I walk my dogs on Mondays", "The user walks their dogs every Monday")]
    [InlineData("I take insulin three times a day", "The user takes insulin three times daily")]
    [InlineData("I'm a sous chef at a hotel in Cardiff", "The user is a professional chef")]
    [InlineData("I'm a native of Ohio", "The user is a native of Ohio")]
    public void A_degree_the_user_claimed_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I've lived in Tokyo, Seoul and Taipei", "The user lives in Taipei")]
    [InlineData("I've lived in Tokyo, Seoul and Taipei", "The user lives in Tokyo")]
    [InlineData("I used to live in Lisbon", "The user lives in Lisbon")]
    [InlineData("I grew up in Leeds", "The user lives in Leeds")]
    [InlineData("I lived in Berlin for five years", "The user lives in Berlin")]
    [InlineData("I was born in Accra", "The user lives in Accra")]
    [InlineData("I worked at Google and Meta", "The user works at Meta")]
    [InlineData("I used to work as a nurse", "The user works as a nurse")]
    [InlineData("I've worked at Deloitte, PwC and KPMG", "The user currently works at KPMG")]
    [InlineData("I moved from Tokyo to Taipei", "The user lives in Tokyo")]
    [InlineData("I was living in Oslo when we met", "The user is living in Oslo")]
    [InlineData("I'm moving to Dublin in August", "The user lives in Dublin")]
    [InlineData("Taipei is where I used to live", "The user lives in Taipei")]
    public void A_present_home_or_job_the_user_only_had_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.TenseRule, FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I live in Taipei now", "The user lives in Taipei")]
    [InlineData("I've lived in Tokyo, Seoul and now Taipei", "The user lives in Taipei")]
    [InlineData("I've lived in Taipei for five years", "The user lives in Taipei")]
    [InlineData("I've been living in Taipei since 2019", "The user lives in Taipei")]
    [InlineData("I've always lived in Leeds", "The user lives in Leeds")]
    [InlineData("I grew up in Leeds and still live there", "The user lives in Leeds")]
    [InlineData("I lived in Tokyo for years but I live in Taipei now", "The user lives in Taipei")]
    [InlineData("I moved to Taipei last year", "The user lives in Taipei")]
    [InlineData("I've worked at Deloitte since 2018", "The user works at Deloitte")]
    [InlineData("I've lived in Tokyo, Seoul and Taipei", "The user has lived in Taipei")]
    [InlineData("I used to live in Lisbon", "The user used to live in Lisbon")]
    [InlineData("I'm a nurse, I worked in Leeds before", "The user works as a nurse")]
    [InlineData("I quit nursing and became a teacher", "The user works as a teacher")]
    [InlineData("I was hired at Google last month", "The user works at Google")]
    [InlineData("I'm moving to Dublin in August", "The user is moving to Dublin in August")]
    [InlineData("We moved to Austin from Chicago two years ago", "The user lives in Austin")]
    public void A_present_home_or_job_the_user_has_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    /// <summary>Fifteenth session: a state the user was in is not one they are in, as a home they had is not their
    /// home (each of these was grounded).</summary>
    [Theory]
    [InlineData("I was vegetarian for ten years", "The user is vegetarian")]
    [InlineData("I was vegetarian for ten years.", "The user is a vegetarian")]
    [InlineData("I was vegan until last year", "The user is vegan")]
    [InlineData("I used to be vegetarian", "The user is vegetarian")]
    [InlineData("I'm vegetarian, I was vegan before", "The user is vegan")]
    [InlineData("I was a nurse for 20 years", "The user is a nurse")]
    [InlineData("I was allergic to cats as a kid", "The user is allergic to cats")]
    [InlineData("I was single until I met Tom", "The user is single")]
    [InlineData("I was a smoker", "The user is a smoker")]
    public void A_present_state_the_user_only_had_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.TenseRule, FactGrounding.Check(Fact(fact), Turn(said)));

    /// <summary>... while a state that holds still, from birth, or since a date is grounded, and a place named after a
    /// relative clause is governed by the verb before it ("I live where I was born, in Leeds" was dropped).</summary>
    [Theory]
    [InlineData("I live where I was born, in Leeds", "The user lives in Leeds")]
    [InlineData("I still live in the town where I grew up, Leeds", "The user lives in Leeds")]
    [InlineData("We live where we got married, in York", "The user lives in York")]
    [InlineData("I've been vegetarian for ten years", "The user is vegetarian")]
    [InlineData("I was vegetarian for years and I still am", "The user is vegetarian")]
    [InlineData("I'm vegetarian, I was vegan before", "The user is vegetarian")]
    [InlineData("I found out I was allergic to cats last year", "The user is allergic to cats")]
    [InlineData("I was born deaf", "The user is deaf")]
    [InlineData("I grew up bilingual in English and Welsh", "The user is bilingual in English and Welsh")]
    [InlineData("We're expecting our second baby in March", "The user is expecting a second baby in March")]
    [InlineData("been pescatarian since 2018", "The user is pescatarian")]
    [InlineData("I was born in Leeds", "The user is from Leeds")]
    public void A_present_state_or_home_the_user_has_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I moved away from the town where I grew up, Leeds", "The user lives in Leeds")]
    [InlineData("I moved to London from the town where I grew up in Leeds", "The user lives in Leeds")]
    public void A_home_left_behind_a_relative_clause_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.TenseRule, FactGrounding.Check(Fact(fact), Turn(said)));

    /// <summary>Fifteenth session's review: a "that" after a verb of saying or knowing opens what was said, not a
    /// relative clause, so its past verb still governs the place (each was grounded).</summary>
    [Theory]
    [InlineData("Did I mention that I lived in Paris for a while?", "The user lives in Paris")]
    [InlineData("I told you that I worked at Google", "The user works at Google")]
    [InlineData("I told my boss that I worked at Google", "The user works at Google")]
    [InlineData("I think that I lived in Leeds as a baby", "The user lives in Leeds")]
    public void A_past_home_or_job_after_a_that_of_saying_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.TenseRule, FactGrounding.Check(Fact(fact), Turn(said)));

    /// <summary>... while a past "was" that does not govern the state ("Yesterday was my first day as a nurse"), a
    /// change into it ("went vegan"), and a lasting "was" ("I was married in 2015", "I was always left-handed") leave
    /// it present (each was dropped), and a "that" after a noun is still a relative clause.</summary>
    [Theory]
    [InlineData("I was vegetarian for years but went vegan last month", "The user is vegan")]
    [InlineData("I turned vegan in January", "The user is vegan")]
    [InlineData("Yesterday was my first day as a nurse at St Mary's", "The user is a nurse")]
    [InlineData("I was married in 2015", "The user is married")]
    [InlineData("I was always left-handed", "The user is left-handed")]
    [InlineData("Last year was tough as a single mum", "The user is a single mum")]
    [InlineData("I live in the town that I grew up in, Leeds", "The user lives in Leeds")]
    public void A_present_state_a_past_verb_does_not_govern_is_grounded(string said, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said)));

    [Theory]
    [InlineData("I was married for ten years", "The user is married")]
    [InlineData("I was a nurse and a midwife for 20 years", "The user is a midwife")]
    public void A_present_state_a_past_was_governs_is_not_grounded(string said, string fact) =>
        Assert.Equal(FactGrounding.TenseRule, FactGrounding.Check(Fact(fact), Turn(said)));

    private static ConversationTurn Turn(string said) => Turns.Say("t1", said);

    private static ExtractedFact Fact(string text) => new()
    {
        Text = text, Slot = "other", Action = FactAction.Assert, Confidence = 0.9, Sources = ["t1:0"],
    };
}

using Memory.WriteBack;
using Memory.WriteBack.Extraction;

namespace Memory.Tests.WriteBack;

/// <summary>The grounding rules on fact/source pairs: what a careful model writes passes, what it invents does not.</summary>
public sealed class FactGroundingTests
{
    [Theory]
    // Paraphrases and normalisations a good model makes.
    [InlineData("I'm vegetarian", null, "The user is a vegetarian")]
    [InlineData("call me Alex", null, "The user's name is Alex")]
    [InlineData("I have two cats", null, "The user has 2 cats")]
    [InlineData("I have 2 kids", null, "The user has two children")]
    [InlineData("Porto", "Where do you live?", "The user lives in Porto")]
    [InlineData("nurse", "What do you do for a living?", "The user works as a nurse")]
    [InlineData("35", "How old are you?", "The user is 35 years old")]
    [InlineData("i'm twenty-five", null, "The user is 25 years old")]
    [InlineData("I turned 35 yesterday", null, "The user is 35")]
    [InlineData("my daughter is in third grade", null, "The user's daughter is in 3rd grade")]
    [InlineData("my son is 21st in line", null, "The user's son is twenty-first in line")]
    [InlineData("I go running at 7pm", null, "The user goes running at 19:00")]
    [InlineData("I get up at seven every day", null, "The user gets up at 7am")]
    [InlineData("my birthday is 14/3", null, "The user's birthday is March 14")]
    [InlineData("my birthday is on the 14th of March", null, "The user's birthday is 14 March")]
    [InlineData("I teach maths", null, "The user is a maths teacher")]
    [InlineData("I don't eat meat", null, "The user does not eat meat")]
    [InlineData("I hate mushrooms", null, "The user doesn't like mushrooms")]
    [InlineData("I quit smoking last year", null, "The user no longer smokes")]
    [InlineData("I no longer live in Lisbon, I moved to Porto", null, "The user lives in Porto")]
    [InlineData("I live in Paris, but I don't drive", null, "The user lives in Paris")]
    [InlineData("My wife Lucía and I live in São Paulo", null, "The user's wife is named Lucia")]
    [InlineData("My wife Lucia and I live in Sao Paulo", null, "The user lives in São Paulo")]
    [InlineData("keep answers short please", null, "The user prefers short answers")]
    [InlineData("reply in spanish from now on", null, "The user wants replies in Spanish")]
    [InlineData("my budget is 2k euros", null, "The user's budget is 2,000 euros")]
    [InlineData("I have a cat", null, "The user has 1 cat")]
    [InlineData("I love the beatles", null, "The user loves The Beatles")]
    [InlineData("I work at Google's London office", null, "The user works at Google in London")]
    [InlineData("I walk my dogs on Mondays", null, "The user walks their dogs every Monday")]
    [InlineData("tengo dos gatos y vivo en Madrid", null, "The user has 2 cats")]
    // From the review: dotted dates and times, affirmations phrased with a negation, a far-off negation.
    [InlineData("My birthday is 14.03.1990", null, "The user's birthday is March 14, 1990")]
    [InlineData("my train leaves at 7.30 every morning", null, "The user's train leaves at 7:30")]
    [InlineData("I never miss my morning run", null, "The user runs every morning")]
    [InlineData("I can't live without coffee", null, "The user loves coffee")]
    [InlineData("Nothing beats jazz for me", null, "The user loves jazz")]
    [InlineData("I don't have much free time, so on weekends I usually paint watercolours", null, "The user paints watercolours")]
    // What the user said in other words (ImpliedTerms): diet, drink, family, work.
    [InlineData("I don't eat meat", null, "The user is vegetarian")]
    [InlineData("I stopped eating meat last year", null, "The user is a vegetarian")]
    [InlineData("I don't eat any animal products", null, "The user is vegan")]
    [InlineData("I don't drink alcohol", null, "The user is teetotal")]
    [InlineData("I haven't had a drink in five years", null, "The user is sober")]
    [InlineData("My wife and I just bought a house", null, "The user is married")]
    [InlineData("I have two kids", null, "The user is a parent")]
    [InlineData("our 3 daughters keep us busy", null, "The user is a parent")]
    [InlineData("we've got a baby on the way", null, "The user is a parent")]
    [InlineData("I don't smoke", null, "The user is a non-smoker")]
    [InlineData("I'm non-binary", null, "The user is non-binary")]
    [InlineData("I work for a non-profit", null, "The user works for a non-profit")]
    [InlineData("I don't drink at all", null, "The user is teetotal")]
    [InlineData("I don't have a job right now", null, "The user is unemployed")]
    [InlineData("I got laid off in March", null, "The user is unemployed")]
    public void A_fact_the_users_words_support_is_grounded(string said, string? asked, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact), Turn(said, asked)));

    [Theory]
    [InlineData("forget that I smoke", null, "The user smokes")]
    [InlineData("I'm not vegetarian anymore", null, "The user is vegetarian")]
    [InlineData("no, Porto now", "Are you still in Lisbon?", "The user lives in Lisbon")]
    [InlineData("not anymore", "Do you still work at Acme?", "The user works at Acme")]
    public void A_retraction_the_user_said_is_grounded(string said, string? asked, string fact) =>
        Assert.Null(FactGrounding.Check(Fact(fact, FactAction.Retract), Turn(said, asked)));

    [Theory]
    [InlineData("I live in Paris", null, "The user lives in Berlin", FactGrounding.NameRule)]
    [InlineData("I work at a search company", null, "The user works at Google", FactGrounding.NameRule)]
    [InlineData("My sister is Maria", null, "The user's sister is Marta", FactGrounding.NameRule)]
    [InlineData("my birthday is in March", null, "The user's birthday is in April", FactGrounding.NameRule)]
    [InlineData("I have two kids", null, "The user has 3 kids", FactGrounding.NumberRule)]
    [InlineData("I have two kids", null, "The user has three children", FactGrounding.NumberRule)]
    [InlineData("I'm 34", null, "The user is 43 years old", FactGrounding.NumberRule)]
    [InlineData("I run at 7am", null, "The user runs at 8am", FactGrounding.NumberRule)]
    [InlineData("I run at 7am", null, "The user runs at 7pm", FactGrounding.NumberRule)]
    [InlineData("What should I cook tonight?", null, "The user is vegan", FactGrounding.ContentRule)]
    [InlineData("I like hiking", null, "The user likes skiing", FactGrounding.ContentRule)]
    [InlineData("I play guitar", "Do you like jazz?", "The user likes jazz", FactGrounding.QuestionOnlyRule)]
    [InlineData("yes", "Do you have any pets?", "The user has pets", FactGrounding.QuestionOnlyRule)]
    [InlineData("I live in Porto", "Where do you live, Berlin?", "The user lives in Berlin", FactGrounding.QuestionOnlyRule)]
    [InlineData("sure", "Are you vegetarian?", "The user is vegetarian", FactGrounding.QuestionOnlyRule)]
    [InlineData("I eat meat every day", null, "The user does not eat meat", FactGrounding.NegationRule)]
    [InlineData("I smoke", null, "The user no longer smokes", FactGrounding.NegationRule)]
    [InlineData("I don't live in Lisbon", null, "The user lives in Lisbon", FactGrounding.NegationRule)]
    [InlineData("I'm not allergic to cats after all", null, "The user is allergic to cats", FactGrounding.NegationRule)]
    [InlineData("I eat meat every day", null, "The user is vegetarian", FactGrounding.ContentRule)]
    [InlineData("I love a good steak with a glass of milk", null, "The user is vegan", FactGrounding.ContentRule)]
    [InlineData("I drink wine every night", null, "The user is teetotal", FactGrounding.ContentRule)]
    [InlineData("My brother's wife is a doctor", null, "The user is married", FactGrounding.ContentRule)]
    [InlineData("my sister has two kids", null, "The user is a parent", FactGrounding.ContentRule)]
    [InlineData("they have a son at Oxford", null, "The user is a parent", FactGrounding.ContentRule)]
    [InlineData("I don't have kids", null, "The user is a parent", FactGrounding.ContentRule)]
    [InlineData("I have a job interview tomorrow", null, "The user is unemployed", FactGrounding.ContentRule)]
    [InlineData("I smoke a pack a day", null, "The user is a non-smoker", FactGrounding.NegationRule)]
    // From the review: cues said near, of the right thing.
    [InlineData("I can't stop eating meat", null, "The user is vegetarian", FactGrounding.ContentRule)]
    [InlineData("I gave my dad some meat", null, "The user is vegetarian", FactGrounding.ContentRule)]
    [InlineData("I don't drink coffee", null, "The user is teetotal", FactGrounding.ContentRule)]
    [InlineData("I'm not happy with my job", null, "The user is unemployed", FactGrounding.ContentRule)]
    [InlineData("I'm giving a talk at my job", null, "The user is unemployed", FactGrounding.ContentRule)]
    [InlineData("I have 30 kids in my class", null, "The user is a parent", FactGrounding.ContentRule)]
    [InlineData("If we have kids, we'd move", null, "The user is a parent", FactGrounding.ContentRule)]
    public void An_invented_or_embellished_fact_is_not_grounded(string said, string? asked, string fact, string rule) =>
        Assert.Equal(rule, FactGrounding.Check(Fact(fact), Turn(said, asked)));

    [Fact]
    public void The_question_is_not_read_for_a_long_answer_or_a_later_message()
    {
        var longAnswer = Turn("well it depends on the season really, I move around a lot for work", "Where do you live, Berlin?");
        Assert.Equal(FactGrounding.NameRule, FactGrounding.Check(Fact("The user lives in Berlin"), longAnswer));

        var later = Turns.Chat("t1", ("t1:0", "hello there"), ("t1:1", "Porto")) with { AssistantQuestion = "Where do you live?" };
        Assert.Equal(FactGrounding.NameRule, FactGrounding.Check(Fact("The user lives in Porto") with { Sources = ["t1:0"] }, later));
    }

    [Fact]
    public void A_fact_is_checked_against_the_messages_it_cites_only()
    {
        var turn = Turns.Chat("t1", ("t1:0", "I live in Paris"), ("t1:1", "my brother lives in Berlin"));

        Assert.Null(FactGrounding.Check(Fact("The user lives in Paris") with { Sources = ["t1:0"] }, turn));
        Assert.Equal(FactGrounding.NameRule, FactGrounding.Check(Fact("The user lives in Berlin") with { Sources = ["t1:0"] }, turn));
    }

    [Fact]
    public void Keep_returns_the_grounded_facts_in_order_and_counts_the_rest_by_rule()
    {
        var turn = Turn("I live in Paris and I have two kids", null);
        var facts = new[]
        {
            Fact("The user lives in Paris"), Fact("The user lives in Berlin"), Fact("The user has 2 children"),
            Fact("The user has 3 kids"), Fact("The user works at Google"),
        };

        var kept = FactGrounding.Keep(facts, turn, out var dropped);

        Assert.Equal(["The user lives in Paris", "The user has 2 children"], kept.Select(f => f.Text));
        Assert.Equal("name=2,number=1", dropped);
    }

    private static ConversationTurn Turn(string said, string? asked) => Turns.Say("t1", said) with { AssistantQuestion = asked };

    private static ExtractedFact Fact(string text, FactAction action = FactAction.Assert) => new()
    {
        Text = text, Slot = "other", Action = action, Confidence = 0.9, Sources = ["t1:0"],
    };

    /// <summary>Odd inputs a user or model may write never make grounding throw (a throw used to cost the turn its
    /// LLM facts and retries): full-width and other non-ASCII digits in times, huge numbers with "k", runaway number
    /// words.</summary>
    [Theory]
    [InlineData("I wake up at \uFF16:\uFF13\uFF10", "The user wakes up at 6:30")]
    [InlineData("dinner at \u0667pm", "The user has dinner at 7pm")]
    [InlineData("I saved 70000000000000000000000000000k dollars", "The user saved a lot of dollars")]
    [InlineData("one hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred hundred stars", "The user counts stars")]
    [InlineData("", "The user exists")]
    public void Odd_input_never_throws(string said, string fact)
    {
        var exception = Record.Exception(() => FactGrounding.Check(Fact(fact), Turn(said, null)));
        Assert.Null(exception);
    }
}

using Memory.Model;
using Memory.Retrieval;
using Memory.Retrieval.QueryForms;
using TestDoubles;

namespace Memory.Tests.Retrieval;

/// <summary>Answer-type matching: the type a question's form asks for, whether a memory holds one, and the prior
/// that moves the dense ranking towards memories that hold it without moving the candidates' mean cosine.</summary>
public class AnswerTypesTests
{
    [Theory]
    [InlineData("When was I born?", nameof(AnswerType.Time))]
    [InlineData("what time is my stand-up", nameof(AnswerType.Time))]
    [InlineData("Which day do I go swimming?", nameof(AnswerType.Time))]
    [InlineData("How often do I see my GP?", nameof(AnswerType.Time))]
    [InlineData("How many stairs do I climb?", nameof(AnswerType.Quantity))]
    [InlineData("How old are my kids?", nameof(AnswerType.Quantity))]
    [InlineData("Who is my manager?", nameof(AnswerType.Name))]
    [InlineData("Whose kids do I babysit?", nameof(AnswerType.Name))]
    [InlineData("What is my cat called?", nameof(AnswerType.Name))]
    [InlineData("Where do we holiday each summer?", nameof(AnswerType.Place))]
    [InlineData("What food do I like best?", nameof(AnswerType.None))]
    [InlineData("Do I have a learning difficulty?", nameof(AnswerType.None))]
    [InlineData("Tell me when you can", nameof(AnswerType.None))]
    [InlineData("", nameof(AnswerType.None))]
    public void The_question_form_names_the_answer_type(string question, string expected) =>
        Assert.Equal(Enum.Parse<AnswerType>(expected), AnswerTypes.Expected(question));

    [Theory]
    [InlineData("My birthday is on the 3rd of May.", nameof(AnswerType.Time), true)]
    [InlineData("Team stand-up is at 9:30 every morning.", nameof(AnswerType.Time), true)]
    [InlineData("I swim on Tuesdays.", nameof(AnswerType.Time), true)]
    [InlineData("My brother was born in Leeds.", nameof(AnswerType.Time), false)]
    [InlineData("Our flat is on the fourth floor with no lift.", nameof(AnswerType.Quantity), true)]
    [InlineData("I'm 1.93 m tall.", nameof(AnswerType.Quantity), true)]
    [InlineData("I'm afraid of heights.", nameof(AnswerType.Quantity), false)]
    [InlineData("My manager, Priya, expects weekly reports.", nameof(AnswerType.Name), true)]
    [InlineData("I'm a nurse and I've been one for years.", nameof(AnswerType.Name), false)]
    [InlineData("Tom is my brother.", nameof(AnswerType.Name), false)]
    [InlineData("We rent a cottage in Cornwall every August.", nameof(AnswerType.Place), true)]
    [InlineData("I prefer autumn to spring.", nameof(AnswerType.Place), false)]
    [InlineData("I prefer autumn to spring.", nameof(AnswerType.None), false)]
    public void A_memory_holds_an_answer_type_when_its_text_has_one(string text, string type, bool expected) =>
        Assert.Equal(expected, AnswerTypes.Holds(text, Enum.Parse<AnswerType>(type)));

    [Fact]
    public void The_prior_lifts_the_candidate_holding_the_type_over_a_slightly_closer_one_and_keeps_the_mean()
    {
        var candidates = new[]
        {
            Candidate("wrong", "My brother was born in Leeds.", 0.60, 1),
            Candidate("answer", "My birthday is on the 3rd of May.", 0.55, 2),
            Candidate("other", "I like long walks.", 0.30, 3),
        };
        var mean = candidates.Average(c => c.Dense!.Value);

        Assert.True(AnswerTypePrior.Apply("When was I born?", candidates, bonus: 0.15));

        Assert.Equal(1, candidates[1].DenseRank);
        Assert.Equal(2, candidates[0].DenseRank);
        Assert.Equal(mean, candidates.Average(c => c.Dense!.Value), 9);
    }

    [Fact]
    public void The_prior_changes_nothing_for_an_untyped_question_a_zero_bonus_or_when_all_candidates_hold_the_type()
    {
        RetrievalCandidate[] Fresh() =>
        [
            Candidate("a", "My brother was born in Leeds.", 0.60, 1),
            Candidate("b", "My birthday is on the 3rd of May.", 0.55, 2),
        ];

        var untyped = Fresh();
        Assert.False(AnswerTypePrior.Apply("What is my birthday?", untyped, bonus: 0.15));
        Assert.False(AnswerTypePrior.Apply("When was I born?", Fresh(), bonus: 0));
        Assert.False(AnswerTypePrior.Apply("Where was my brother born?", [Candidate("a", "My brother was born in Leeds.", 0.6, 1)], bonus: 0.15));
        Assert.Equal([0.60, 0.55], untyped.Select(c => c.Dense!.Value));
        Assert.Equal([1, 2], untyped.Select(c => c.DenseRank!.Value));
    }

    [Fact]
    public async Task The_default_search_answers_a_when_question_with_the_memory_that_holds_a_date()
    {
        var embedder = new FakeEmbeddingGenerator(dimensions: 16);
        embedder.Pin("When was I born?", Vector((0, 1)));
        var fixture = new RetrieverFixture { Embedder = embedder };
        MemoryItem Pinned(string id, string text, float[] vector) => fixture.Item(id, text) with { EmbeddingModel = embedder.ModelId, Embedding = vector };

        // The embedding puts the memory without a date a little closer (cosine 0.62 against 0.58); no memory shares a
        // term with the question, so the lexical side cannot decide.
        await fixture.AddAsync(RetrieverFixture.Alice,
            Pinned("brother", "My brother lives in Leeds.", Vector((0, 0.62f), (1, 0.785f))),
            Pinned("birthday", "My birthday is on the 3rd of May.", Vector((0, 0.58f), (2, 0.815f))),
            Pinned("walks", "I like long walks by the sea.", Vector((0, 0.2f), (3, 0.98f))),
            Pinned("tea", "Green tea keeps me going.", Vector((0, 0.1f), (4, 0.995f))));
        var request = new MemorySearchRequest { Query = "When was I born?", Limit = 2 };

        var typed = await fixture.Create().SearchAsync(RetrieverFixture.Alice, request);
        fixture.Options.AnswerTypeBonus = 0;
        var untyped = await fixture.Create().SearchAsync(RetrieverFixture.Alice, request);

        Assert.Equal("birthday", typed[0].Memory.Id);
        Assert.Equal("brother", untyped[0].Memory.Id);
    }

    private static float[] Vector(params (int Dimension, float Value)[] parts)
    {
        var v = new float[16];
        foreach (var (d, x) in parts)
        {
            v[d] = x;
        }

        return v;
    }

    private static RetrievalCandidate Candidate(string id, string text, double cosine, int rank) =>
        new(IndexedMemory.Analyse(new RetrieverFixture().Item(id, text))) { Dense = cosine, DenseRank = rank };
}

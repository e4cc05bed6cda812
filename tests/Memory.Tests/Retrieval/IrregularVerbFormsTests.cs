using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public class IrregularVerbFormsTests
{
    private readonly RetrieverFixture _f = new();

    [Theory]
    [InlineData("went", "go")]
    [InlineData("gone", "go")]
    [InlineData("bought", "buy")]
    [InlineData("met", "meet")]
    [InlineData("took", "take")]
    [InlineData("wrote", "write")]
    [InlineData("found", "find")]
    public void An_irregular_past_form_is_indexed_as_its_base_form(string past, string baseForm)
    {
        Assert.Equal(LexicalAnalyzer.Terms(baseForm, irregularVerbForms: true), LexicalAnalyzer.Terms(past, irregularVerbForms: true));
        Assert.NotEqual(LexicalAnalyzer.Terms(baseForm, irregularVerbForms: false), LexicalAnalyzer.Terms(past, irregularVerbForms: false));
    }

    [Theory]
    [InlineData("born")] // "I was born in Leeds" is not about bears
    [InlineData("ground")]
    [InlineData("rose")]
    public void Forms_with_a_common_other_meaning_are_left_alone(string word) =>
        Assert.Equal(LexicalAnalyzer.Terms(word, irregularVerbForms: false), LexicalAnalyzer.Terms(word, irregularVerbForms: true));

    [Fact]
    public void Stop_words_stay_out_whatever_their_form() =>
        Assert.Empty(LexicalAnalyzer.Terms("she was there, they were done and had been", irregularVerbForms: true));

    // A dialogue as LoCoMo's observations tell it: the question asks with "did ... buy", the memory says "bought"; a
    // shorter memory sharing the name and the place outranked the answer while "bought" and "buy" did not meet.
    [Fact]
    public async Task A_question_in_the_base_form_finds_the_memory_told_in_the_past_tense()
    {
        await AddDialogueAsync();

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "What did Jon buy at the market?", Limit = 3 });

        Assert.True(new RetrievalOptions().IrregularVerbForms);
        Assert.Equal("answer", results[0].Memory.Id);
    }

    [Fact]
    public async Task Without_the_mapping_the_shorter_memory_sharing_name_and_place_wins()
    {
        await AddDialogueAsync();
        _f.Options.IrregularVerbForms = false;

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "What did Jon buy at the market?", Limit = 3 });

        Assert.Equal("walk", results[0].Memory.Id);
    }

    [Theory]
    [InlineData(true, "answer")]
    [InlineData(false, "other")] // without the mapping the shorter memory sharing the name and the group wins
    public async Task When_did_questions_meet_went(bool irregularVerbForms, string first)
    {
        _f.Options.IrregularVerbForms = irregularVerbForms;
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("answer", "Caroline went to a support group."),
            _f.Item("other", "Caroline's support group."),
            _f.Item("m1", "Melanie painted a lake sunrise last year."),
            _f.Item("m2", "Melanie runs to clear her mind."));

        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = "When did Caroline go to the support group?", Limit = 2 });

        Assert.Equal(first, results[0].Memory.Id);
    }

    private Task AddDialogueAsync() => _f.AddAsync(RetrieverFixture.Alice,
        _f.Item("answer", "Jon bought figs at the market."),
        _f.Item("walk", "Jon walked to the market."),
        _f.Item("dance", "Jon is opening a dance studio for dancers of all ages."),
        _f.Item("gina", "Gina lost her job at Door Dash."),
        _f.Item("store", "Gina started her own clothing store."));
}

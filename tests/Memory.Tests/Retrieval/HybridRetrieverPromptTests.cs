using Memory.Model;

namespace Memory.Tests.Retrieval;

public class HybridRetrieverPromptTests
{
    private readonly RetrieverFixture _f = new();

    private static PromptMemoryRequest Request(string query, int budget = 600) =>
        new() { Query = query, Context = "chat", TokenBudget = budget, Model = "gpt-4o-mini" };

    [Fact]
    public async Task Profile_is_included_for_a_query_that_does_not_mention_it()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("allergy", "Alice is severely allergic to peanuts.", confidence: 0.95, ageDays: 300),
            _f.Item("trip", "Alice visited Lisbon in spring and loved the trams."),
            _f.Item("work", "Alice works as a data engineer."));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("Can you suggest a quick snack for my afternoon?"));

        Assert.Contains("allergy", selection.Profile.Select(p => p.Memory.Id));
        Assert.DoesNotContain("allergy", selection.Relevant.Select(p => p.Memory.Id));
    }

    [Fact]
    public async Task Low_confidence_facts_stay_out_of_the_profile()
    {
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("guess", "Alice might be vegetarian.", confidence: 0.4));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("dinner ideas"));

        Assert.Empty(selection.Profile);
    }

    [Fact]
    public async Task Memories_below_the_injection_floor_are_never_injected()
    {
        _f.Memory.InjectionConfidenceFloor = 0.5;
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("weak", "Alice may enjoy jazz concerts.", confidence: 0.3),
            _f.Item("strong", "Alice goes to jazz concerts every month.", confidence: 0.9));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("any jazz concerts this weekend?"));

        Assert.Equal(["strong"], selection.All.Select(s => s.Memory.Id));
    }

    [Fact]
    public async Task Relevant_memories_fill_the_rest_of_the_budget_and_unrelated_ones_stay_out()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("diet", "Alice is vegan.", confidence: 0.9),
            _f.Item("bike", "Alice commutes by bike and owns a road bike."),
            _f.Item("tax", "Alice filed her taxes in April."));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("my bike chain is squeaking, what should I do?"));

        Assert.Equal(["diet"], selection.Profile.Select(p => p.Memory.Id));
        Assert.Equal(["bike"], selection.Relevant.Select(p => p.Memory.Id));
    }

    [Fact]
    public async Task Selection_stays_within_the_budget_with_hundreds_of_memories()
    {
        var profile = Enumerable.Range(0, 30).Select(i => _f.Item($"p{i}", $"Alice is allergic to ingredient number {i} and must avoid it.", confidence: 0.9));
        var other = Enumerable.Range(0, 400).Select(i => _f.Item($"m{i}", $"Alice cooked recipe {i} with garlic, tomatoes and fresh basil for her friends."));
        await _f.AddAsync(RetrieverFixture.Alice, profile.Concat(other).ToArray());
        var retriever = _f.Create();

        var selection = await retriever.SelectForPromptAsync(RetrieverFixture.Alice, Request("what should I cook with tomatoes and basil?", budget: 300));

        var profileCost = selection.Profile.Sum(p => retriever.Cost(p.Memory, "gpt-4o-mini"));
        var totalCost = selection.All.Sum(p => retriever.Cost(p.Memory, "gpt-4o-mini"));
        Assert.NotEmpty(selection.Profile);
        Assert.NotEmpty(selection.Relevant);
        Assert.True(profileCost <= (int)(300 * _f.Memory.ProfileBudgetShare), $"profile took {profileCost}");
        Assert.True(totalCost <= 300, $"selection took {totalCost}");
        Assert.Empty(selection.Profile.Select(p => p.Memory.Id).Intersect(selection.Relevant.Select(r => r.Memory.Id)));
    }

    [Fact]
    public async Task Safety_facts_win_the_profile_budget()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("city", "Alice lives in Berlin, in the Kreuzberg district, near the canal and the market hall."),
            _f.Item("style", "Alice prefers concise answers with examples and no emojis at all please."),
            _f.Item("allergy", "Alice has a severe shellfish allergy."));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("hello", budget: 70));

        Assert.Equal("allergy", selection.Profile[0].Memory.Id);
    }

    [Fact]
    public async Task Superseded_profile_facts_are_not_injected()
    {
        await _f.AddAsync(RetrieverFixture.Alice,
            _f.Item("old", "Alice lives in Paris.", validTo: _f.Time.GetUtcNow()),
            _f.Item("new", "Alice lives in Lyon."));

        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("weather tomorrow?"));

        Assert.Equal(["new"], selection.All.Select(s => s.Memory.Id));
    }

    [Fact]
    public async Task Zero_budget_selects_nothing()
    {
        await _f.AddAsync(RetrieverFixture.Alice, _f.Item("allergy", "Alice is allergic to peanuts."));
        var selection = await _f.Create().SelectForPromptAsync(RetrieverFixture.Alice, Request("snack", budget: 0));
        Assert.Empty(selection.All);
    }
}

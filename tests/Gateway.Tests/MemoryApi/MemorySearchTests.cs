using System.Globalization;
using static Gateway.Tests.MemoryApi.MemoryJson;

namespace Gateway.Tests.MemoryApi;

/// <summary>Search through HTTP: ranking, limit and every filter of the contract, superseded memories only on request.</summary>
public sealed class MemorySearchTests(MemoryGatewayFixture fixture) : IClassFixture<MemoryGatewayFixture>
{
    private MemoryApiClient Api => fixture.Api;

    private static string DaysAgo(double days) =>
        DateTimeOffset.UtcNow.AddDays(-days).ToString("O", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Search_puts_the_best_match_first_and_scores_descend()
    {
        var user = MemoryGatewayFixture.NewUser("rank");
        await Api.WriteAsync(user,
            NewMemory("Nora's favourite food is ramen"),
            NewMemory("Nora plays the cello in a community orchestra"),
            NewMemory("Nora rides her bicycle to the office"),
            NewMemory("Nora's sister lives in Montreal"));

        var results = (await Api.SearchAsync(user, "which instrument does she play in the orchestra")).ExpectList("results");

        Assert.Equal("Nora plays the cello in a community orchestra", Text(results[0]));
        var scores = results.Select(r => (double)r!["score"]!).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(scores[0] > scores[^1], string.Join(", ", scores));
    }

    /// <summary>"Best first" is the order of the scores the results carry. Among near-duplicates the diversity step
    /// (MMR) chooses which make the list, but it used to order them too, so a result could score above the one before
    /// it (0.5939 then 0.5963 for stamp-collection facts).</summary>
    [Fact]
    public async Task Scores_descend_when_the_candidates_are_near_duplicates()
    {
        var user = MemoryGatewayFixture.NewUser("mmr");
        await Api.WriteAsync(user, [.. Enumerable.Range(0, 60).Select(i =>
            NewMemory($"Bulk fact {i}: the user collected stamp series {i * 7919} from country {i}."))]);

        foreach (var query in new[] { "stamp series from country 42", "which stamps did the user collect", "country 7 stamps", "Bulk fact" })
        {
            foreach (var limit in new[] { 5, 10, 30 })
            {
                var scores = (await Api.SearchAsync(user, query, limit: limit)).ExpectList("results").Select(r => (double)r!["score"]!).ToList();
                Assert.True(scores.SequenceEqual(scores.OrderDescending()), $"{query} (limit {limit}): {string.Join(", ", scores)}");
            }
        }
    }

    [Fact]
    public async Task Search_returns_at_most_limit_results()
    {
        var user = MemoryGatewayFixture.NewUser("limit");
        await Api.WriteAsync(user,
            NewMemory("Owen grows tomatoes in his garden"),
            NewMemory("Owen's garden has a pond"),
            NewMemory("Owen built a garden shed"),
            NewMemory("Owen waters the garden at dawn"),
            NewMemory("Owen's garden gate is blue"));

        Assert.Equal(2, (await Api.SearchAsync(user, "garden", limit: 2)).ExpectList("results").Count);
        Assert.Single((await Api.SearchAsync(user, "garden", limit: 1)).ExpectList("results"));
        Assert.Equal(5, (await Api.SearchAsync(user, "garden", limit: 100)).ExpectList("results").Count);
    }

    [Fact]
    public async Task Search_keeps_only_the_requested_contexts()
    {
        var user = MemoryGatewayFixture.NewUser("ctx");
        await Api.WriteAsync(user,
            NewMemory("Pia writes Python at work", "chat"),
            NewMemory("Pia uses Python 3.12 with FastAPI", "docs"),
            NewMemory("Pia searched for Python courses", "search"));

        var docs = (await Api.SearchAsync(user, new JsonObject { ["query"] = "python", ["contexts"] = new JsonArray("docs") })).ExpectList("results");
        var two = (await Api.SearchAsync(user, new JsonObject { ["query"] = "python", ["contexts"] = new JsonArray("docs", "search") })).ExpectList("results");
        var all = (await Api.SearchAsync(user, "python")).ExpectList("results");

        Assert.Equal(["docs"], docs.Select(r => (string)r!["context"]!));
        Assert.Equal(["docs", "search"], two.Select(r => (string)r!["context"]!).Order());
        Assert.Equal(["chat", "docs", "search"], all.Select(r => (string)r!["context"]!).Order());
    }

    [Fact]
    public async Task A_context_filter_is_read_as_the_write_reads_context_names_with_surrounding_spaces_trimmed()
    {
        var user = MemoryGatewayFixture.NewUser("ctx");
        await Api.WriteAsync(user, NewMemory("Pia uses Python 3.12 with FastAPI", " docs "), NewMemory("Pia writes Python at work", "chat"));

        var docs = (await Api.SearchAsync(user, new JsonObject { ["query"] = "python", ["contexts"] = new JsonArray(" docs", "docs ") })).ExpectList("results");

        Assert.Equal(["docs"], docs.Select(r => (string)r!["context"]!));
    }

    [Fact]
    public async Task Search_drops_memories_below_minConfidence()
    {
        var user = MemoryGatewayFixture.NewUser("conf");
        await Api.WriteAsync(user,
            NewMemory("Quinn might be interested in marathon running", confidence: 0.3),
            NewMemory("Quinn ran the Berlin marathon last year", confidence: 0.9));

        var filtered = (await Api.SearchAsync(user, new JsonObject { ["query"] = "marathon running", ["minConfidence"] = 0.5 })).ExpectList("results");
        var unfiltered = (await Api.SearchAsync(user, "marathon running")).ExpectList("results");

        Assert.Equal(["Quinn ran the Berlin marathon last year"], Texts(filtered));
        Assert.Equal(2, unfiltered.Count);
        Assert.All(filtered, r => Assert.True((double)r!["confidence"]! >= 0.5));
    }

    [Fact]
    public async Task Search_drops_memories_older_than_maxAgeDays()
    {
        var user = MemoryGatewayFixture.NewUser("age");
        await Api.WriteAsync(user,
            NewMemory("Rosa booked a trip to Iceland", occurredAt: DaysAgo(40)),
            NewMemory("Rosa cancelled the trip to Iceland", occurredAt: DaysAgo(2)));

        var recent = (await Api.SearchAsync(user, new JsonObject { ["query"] = "trip to Iceland", ["maxAgeDays"] = 10 })).ExpectList("results");
        var wider = (await Api.SearchAsync(user, new JsonObject { ["query"] = "trip to Iceland", ["maxAgeDays"] = 100 })).ExpectList("results");
        var fractional = (await Api.SearchAsync(user, new JsonObject { ["query"] = "trip to Iceland", ["maxAgeDays"] = 0.5 })).ExpectList("results");

        Assert.Equal(["Rosa cancelled the trip to Iceland"], Texts(recent));
        Assert.Equal(2, wider.Count);
        Assert.Empty(fractional);
    }

    [Theory]
    [InlineData(1e6)]
    [InlineData(3.65e6)]
    [InlineData(1e308)]
    public async Task A_maxAgeDays_reaching_past_the_calendar_keeps_every_memory(double maxAgeDays)
    {
        var user = MemoryGatewayFixture.NewUser("age");
        await Api.WriteAsync(user,
            NewMemory("Rosa's grandfather sailed to Brazil", occurredAt: "0001-01-02T00:00:00+00:00"),
            NewMemory("Rosa sailed to Madeira", occurredAt: DaysAgo(2)));

        var results = (await Api.SearchAsync(user, new JsonObject { ["query"] = "sailed", ["maxAgeDays"] = maxAgeDays })).ExpectList("results");

        Assert.Equal(2, results.Count);
    }

    [Fact]
    public async Task Superseded_memories_appear_only_when_asked_for()
    {
        var user = MemoryGatewayFixture.NewUser("superseded");
        var oldId = await Api.AddAsync(user, NewMemory("Sami lives in Helsinki"));
        // Two memories, the first then ended by hand ("Sami moved to Tampere" would itself update the first: the same slot).
        var newId = await Api.AddAsync(user, NewMemory("Sami's new home is in Tampere"));
        await SupersedeAsync(user, oldId);

        var listed = await Api.TextsAsync(user);
        var listedAll = (await Api.ListAsync(user, "?includeSuperseded=true")).ExpectList("memories");
        var searched = (await Api.SearchAsync(user, "where does Sami live")).ExpectList("results");
        var searchedAll = (await Api.SearchAsync(user, new JsonObject { ["query"] = "where does Sami live", ["includeSuperseded"] = true })).ExpectList("results");
        var searchedByQuery = (await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories/search?includeSuperseded=true",
            new JsonObject { ["query"] = "where does Sami live" }.ToJsonString())).ExpectList("results");

        Assert.Equal(["Sami's new home is in Tampere"], listed);
        Assert.Equal([newId], searched.Select(Id));
        Assert.Equal([newId, oldId], listedAll.Select(Id).OrderBy(id => id == oldId));
        Assert.NotNull(listedAll.Single(m => Id(m) == oldId)!["validTo"]);
        Assert.Null(listedAll.Single(m => Id(m) == newId)!["validTo"]);
        Assert.Contains(oldId, searchedAll.Select(Id));
        Assert.Contains(oldId, searchedByQuery.Select(Id));
        Assert.NotNull((await Api.GetAsync(user, oldId)).Expect(HttpStatusCode.OK)["validTo"]);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("?includeSuperseded=false", false)]
    [InlineData("?includeSuperseded=true", true)]
    [InlineData("?includeSuperseded=True", true)]
    [InlineData("?includeSuperseded=1", true)]
    [InlineData("?includeSuperseded", true)]
    public async Task The_includeSuperseded_query_parameter_on_list(string query, bool included)
    {
        var user = MemoryGatewayFixture.NewUser("superseded");
        var oldId = await Api.AddAsync(user, NewMemory("Ugo works in Turin"));
        await Api.AddAsync(user, NewMemory("Ugo now works in Milan"));
        await SupersedeAsync(user, oldId);

        var ids = (await Api.ListAsync(user, query)).ExpectList("memories").Select(Id).ToList();

        Assert.Equal(included ? 2 : 1, ids.Count);
        Assert.Equal(included, ids.Contains(oldId));
    }

    [Fact]
    public async Task An_explicit_includeSuperseded_false_in_the_body_wins_over_the_query_parameter()
    {
        var user = MemoryGatewayFixture.NewUser("superseded");
        var oldId = await Api.AddAsync(user, NewMemory("Tove drives a diesel van"));
        await SupersedeAsync(user, oldId);

        var results = (await Api.SendAsync(HttpMethod.Post, $"v1/users/{user}/memories/search?includeSuperseded=true",
            new JsonObject { ["query"] = "diesel van", ["includeSuperseded"] = false }.ToJsonString())).ExpectList("results");

        Assert.Empty(results);
    }

    [Fact]
    public async Task A_search_matching_nothing_answers_an_empty_list()
    {
        var user = MemoryGatewayFixture.NewUser("none");
        await Api.WriteAsync(user, NewMemory("Uma knits scarves", "chat"));

        var results = (await Api.SearchAsync(user, new JsonObject { ["query"] = "scarves", ["contexts"] = new JsonArray("docs") })).ExpectList("results");

        Assert.Empty(results);
    }

    private Task SupersedeAsync(string user, string id) =>
        Supersession.SupersedeAsync(fixture.Gateway, MemoryGatewayFixture.KeyOf(user), id);
}

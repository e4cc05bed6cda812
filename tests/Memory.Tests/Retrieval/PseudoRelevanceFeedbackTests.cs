using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public class PseudoRelevanceFeedbackTests
{
    private readonly RetrieverFixture _f = new();

    [Fact]
    public void Expansion_terms_leave_out_the_query_and_weigh_term_share_by_idf()
    {
        var first = IndexedMemory.Analyse(_f.Item("a", "Alice adopted a puppy, a beagle puppy, from the shelter."));
        var second = IndexedMemory.Analyse(_f.Item("b", "Alice walks the beagle by the river."));
        var idf = new Dictionary<string, double>(StringComparer.Ordinal) { ["beagl"] = 2, ["puppi"] = 1, ["shelter"] = 3, ["river"] = 3 };

        var terms = PseudoRelevanceFeedback.ExpansionTerms([first, second], [0.5, 0.5], ["alic", "adopt"],
            t => idf.GetValueOrDefault(t, 0.5), count: 3);

        Assert.DoesNotContain(terms, t => t.Term is "alic" or "adopt");
        Assert.Equal(3, terms.Count);
        Assert.Equal(1, terms[0].Weight, 9); // the best is 1, the rest relative to it
        // beagl, in both memories: (0.5 x 1/6 + 0.5 x 1/4) x 2 = 0.417; river 0.5 x 1/4 x 3 = 0.375; shelter 0.5 x 1/6 x 3 = 0.25;
        // puppi (twice in the first) 0.5 x 2/6 x 1 = 0.167 and walk 0.0625 are left out
        Assert.Equal(["beagl", "river", "shelter"], terms.Select(t => t.Term));
        Assert.Equal(0.375 / 0.41666666666666667, terms[1].Weight, 9);

        var shared = PseudoRelevanceFeedback.ExpansionTerms([first, second], [0.5, 0.5], ["alic"], t => idf.GetValueOrDefault(t, 0.5), count: 10, minDocuments: 2);
        Assert.Equal(["beagl"], shared.Select(t => t.Term));
    }

    [Fact]
    public void Feedback_memories_weigh_by_their_scores()
    {
        var weights = PseudoRelevanceFeedback.DocumentWeights([Candidate("a", score: 3), Candidate("b", score: 1)]);
        Assert.Equal([0.75, 0.25], weights);
        Assert.Equal([0.5, 0.5], PseudoRelevanceFeedback.DocumentWeights([Candidate("a", score: 0), Candidate("b", score: double.NaN)]));
    }

    [Fact]
    public void Dense_feedback_moves_cosines_towards_the_feedback_memories_and_keeps_their_mean()
    {
        var candidates = new[]
        {
            Candidate("a", "Alice adopted a beagle puppy.", dense: 0.6),
            Candidate("b", "Alice walks her beagle puppy every morning.", dense: 0.4),
            Candidate("c", "Alice pays her electricity bill online.", dense: 0.45),
        };
        var before = candidates.Select(c => c.Dense!.Value).ToArray();

        PseudoRelevanceFeedback.ShiftDense(candidates, [candidates[0]], _f.Hash.ModelId, weight: 0.5);

        Assert.Equal(before.Average(), candidates.Average(c => c.Dense!.Value), 9);
        Assert.True(candidates[1].Dense > candidates[2].Dense, "the memory near the feedback memory overtakes the one far from it");
    }

    [Fact]
    public void Memories_of_the_first_memorys_instant_gain_a_share_of_its_fused_score()
    {
        var at = _f.Time.GetUtcNow().AddDays(-3);
        var first = Candidate("first", fused: 0.8, at: at);
        var episode = Candidate("episode", fused: 0.3, at: at);
        var other = Candidate("other", fused: 0.3, at: at.AddMinutes(1));
        var undated = Candidate("undated", fused: 0.3, at: default);

        PseudoRelevanceFeedback.BoostNeighbours([first, episode, other, undated], [first], weight: 0.1);

        Assert.Equal(0.8, first.Fused, 9); // the feedback memory itself is not boosted
        Assert.Equal(0.38, episode.Fused, 9);
        Assert.Equal(0.3, other.Fused, 9);
        Assert.Equal(0.3, undated.Fused, 9);
    }

    [Fact]
    public void An_instant_shared_by_many_candidates_is_a_bulk_write_not_an_episode()
    {
        var at = _f.Time.GetUtcNow();
        var bulk = Enumerable.Range(0, 20).Select(i => Candidate($"m{i}", fused: 0.5 - (i * 0.01), at: at)).ToList();

        PseudoRelevanceFeedback.BoostNeighbours(bulk, [bulk[0]], weight: 0.1, maxGroup: 16);

        Assert.Equal(0.49, bulk[1].Fused, 9);
        PseudoRelevanceFeedback.BoostNeighbours(bulk, [bulk[0]], weight: 0.1, maxGroup: 0);
        Assert.Equal(0.54, bulk[1].Fused, 9);
    }

    [Fact]
    public async Task A_memory_of_the_first_hits_episode_rises_above_an_equal_one_written_at_another_time()
    {
        var episodeAt = _f.Time.GetUtcNow().AddDays(-10);
        await _f.AddAsync(RetrieverFixture.Alice,
            At(_f.Item("hit", "Alice adopted a beagle puppy called Rex from the shelter."), episodeAt),
            At(_f.Item("episode", "Alice bought a red collar and a soft bed."), episodeAt),
            At(_f.Item("elsewhere", "Alice bought a red collar and a soft rug."), episodeAt.AddDays(5)));
        var request = new MemorySearchRequest { Query = "Which puppy did Alice adopt, and what did she buy?", Limit = 3 };

        _f.Options.NeighbourFeedbackWeight = 0;
        var without = (await _f.Create().SearchAsync(RetrieverFixture.Alice, request)).Select(r => r.Memory.Id).ToList();
        _f.Options.NeighbourFeedbackWeight = new RetrievalOptions().NeighbourFeedbackWeight;
        var with = (await _f.Create().SearchAsync(RetrieverFixture.Alice, request)).Select(r => r.Memory.Id).ToList();

        Assert.Equal(["hit", "elsewhere", "episode"], without); // the more recent of two equal memories first
        Assert.Equal(["hit", "episode", "elsewhere"], with);
    }

    [Fact]
    public async Task Feedback_never_moves_the_first_place()
    {
        var at = _f.Time.GetUtcNow().AddDays(-2);
        await _f.AddAsync(RetrieverFixture.Alice,
            At(_f.Item("first", "Alice plays the violin in an orchestra."), at.AddDays(-30)),
            At(_f.Item("seed2", "Alice plays tennis."), at),
            At(_f.Item("mate1", "Alice plays the violin on Sundays in the orchestra hall with friends."), at),
            At(_f.Item("mate2", "Alice plays chess."), at));
        var request = new MemorySearchRequest { Query = "Does Alice play the violin in an orchestra?", Limit = 4 };
        _f.Options.FeedbackDocuments = 3;
        _f.Options.NeighbourFeedbackWeight = 1;
        _f.Options.LexicalFeedbackWeight = 1;
        _f.Options.DenseFeedbackWeight = 2;
        var results = await _f.Create().SearchAsync(RetrieverFixture.Alice, request);
        _f.Options.FeedbackDocuments = 0;
        var plain = await _f.Create().SearchAsync(RetrieverFixture.Alice, request);

        Assert.Equal(plain[0].Memory.Id, results[0].Memory.Id);
        Assert.Equal(plain.Select(r => r.Memory.Id).Order(), results.Select(r => r.Memory.Id).Order());
    }

    [Fact]
    public void Feedback_settings_are_checked()
    {
        var result = new RetrievalOptionsValidator().Validate(null, new RetrievalOptions
        {
            FeedbackDocuments = -1, LexicalFeedbackWeight = double.NaN, LexicalFeedbackTerms = 51, LexicalFeedbackMinDocuments = 0,
            DenseFeedbackWeight = 3, NeighbourFeedbackWeight = -0.1, NeighbourFeedbackMaxGroup = -1,
        });
        Assert.True(result.Failed);
        foreach (var key in new[] { "FeedbackDocuments", "LexicalFeedbackWeight", "LexicalFeedbackTerms", "LexicalFeedbackMinDocuments", "DenseFeedbackWeight", "NeighbourFeedbackWeight", "NeighbourFeedbackMaxGroup" })
        {
            Assert.Contains("Memory:Retrieval:" + key + " ", result.FailureMessage);
        }

        Assert.True(new RetrievalOptionsValidator().Validate(null, new RetrievalOptions { FeedbackDocuments = 0, NeighbourFeedbackWeight = 0 }).Succeeded);
    }

    private RetrievalCandidate Candidate(string id, string? text = null, double? dense = null, double fused = 0, double score = 0, DateTimeOffset? at = null)
    {
        var item = _f.Item(id, text ?? $"Alice note {id}.");
        if (at is { } instant)
        {
            item = At(item, instant);
        }

        return new RetrievalCandidate(IndexedMemory.Analyse(item)) { Dense = dense, Fused = fused, Score = score };
    }

    private static MemoryItem At(MemoryItem item, DateTimeOffset at) => item with { OccurredAt = at, CreatedAt = at, UpdatedAt = at };
}

using Memory.Model;
using Memory.Retrieval;
using Memory.Stores;
using Memory.Text;

namespace Memory.Tests.Retrieval;

public class Bm25IndexTests
{
    private static MemoryItem Item(string id, string text, string context = "chat") => new() { Id = id, Text = text, Context = context };

    private static Bm25Index Index(params MemoryItem[] items) => new(items, 1.2, 0.75, DateTimeOffset.UnixEpoch);

    private static string[] Terms(string query) => TextAnalyzer.Terms(query).Distinct().ToArray();

    [Fact]
    public void Rarer_terms_weigh_more()
    {
        var index = Index(
            Item("common", "Alice likes music."),
            Item("rare", "Alice likes the theremin."),
            Item("x", "Alice likes music and films."));

        var results = index.Search(Terms("music theremin"), MemoryFilter.Current, 3);

        Assert.Equal("rare", results[0].Document.Item.Id);
    }

    [Fact]
    public void The_attainable_score_is_what_an_average_memory_holding_every_query_term_once_scores()
    {
        // Four memories of two terms each: a memory of average length with both query terms once scores the sum of
        // their idf, and an unseen term adds the idf of a term no memory has.
        var index = Index(Item("a", "crowded places"), Item("b", "horror movies"), Item("c", "crowded movies"), Item("d", "quiet places"));
        static double Idf(int df) => Math.Log(1 + ((4 - df + 0.5) / (df + 0.5)));

        Assert.Equal(Idf(2) + Idf(2), index.AttainableScore(Terms("crowded places")), 12);
        Assert.Equal(index.Score(Terms("crowded places"), index.Find("a")!), index.AttainableScore(Terms("crowded places")), 12);
        Assert.Equal(Idf(2) + Idf(0), index.AttainableScore(Terms("crowded genre")), 12);
        Assert.Equal(0, index.AttainableScore([]));
    }

    [Fact]
    public void Matched_idf_counts_each_shared_query_term_once_whatever_its_frequency()
    {
        var index = Index(Item("a", "crowded crowded crowded places"), Item("b", "horror movies"), Item("c", "crowded movies"), Item("d", "quiet places"));
        static double Idf(int df) => Math.Log(1 + ((4 - df + 0.5) / (df + 0.5)));

        Assert.Equal(Idf(2), index.MatchedIdf(Terms("crowded genre"), index.Find("a")!), 12);
        Assert.Equal(Idf(2) + Idf(2), index.MatchedIdf(Terms("crowded places"), index.Find("a")!), 12);
        Assert.Equal(0, index.MatchedIdf(Terms("film genre"), index.Find("b")!));
    }

    [Fact]
    public void Search_ranks_as_scoring_every_passing_memory_does_best_first_ties_older_first()
    {
        var random = new Random(7);
        string[] words = ["jazz", "piano", "cat", "dog", "porto", "lisbon", "coffee", "tea", "runs", "paints"];
        for (var round = 0; round < 50; round++)
        {
            // Small vocabularies make equal scores (ties) common; a context filter refuses some memories.
            var items = Enumerable.Range(0, random.Next(1, 40)).Select(i => Item(
                $"m{i}",
                string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)])),
                context: random.Next(4) == 0 ? "work" : "chat")).ToArray();
            var index = Index(items);
            var query = Terms(string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => words[random.Next(words.Length)])));
            var filter = new MemoryFilter { Contexts = ["chat"] };
            var top = random.Next(1, 12);

            var expected = index.Documents
                .Select((d, position) => (Document: d, Position: position))
                .Where(d => d.Document.Item.Context == "chat" && query.Any(d.Document.TermCounts.ContainsKey))
                .Select(d => (d.Document, d.Position, Score: index.Score(query, d.Document)))
                .OrderByDescending(d => d.Score).ThenBy(d => d.Position)
                .Take(top)
                .Select(d => (d.Document.Item.Id, d.Score))
                .ToList();

            Assert.Equal(expected, index.Search(query, filter, top).Select(r => (r.Document.Item.Id, r.Score)).ToList());
        }
    }

    [Fact]
    public void Matched_idf_from_the_terms_idf_computed_once_is_the_same()
    {
        var index = Index(Item("a", "crowded crowded places"), Item("b", "horror movies"), Item("c", "crowded movies"), Item("d", "quiet places"));
        var query = Terms("crowded places genre movies");
        var termIdf = index.MatchedTermIdf(query);
        var outsider = IndexedMemory.Analyse(Item("new", "a genre of its own"));

        foreach (var document in index.Documents.Append(outsider))
        {
            Assert.Equal(index.MatchedIdf(query, document), Bm25Index.MatchedIdf(query, termIdf, document));
        }
    }

    [Fact]
    public void Stemming_matches_inflected_forms()
    {
        var index = Index(Item("a", "Melanie painted a sunrise."), Item("b", "Melanie swims."));
        var results = index.Search(Terms("when did Melanie paint?"), MemoryFilter.Current, 1);
        Assert.Equal("a", results[0].Document.Item.Id);
    }

    [Fact]
    public void Shorter_documents_win_at_equal_term_frequency()
    {
        var index = Index(
            Item("long", "Alice mentioned the garden while talking about work, travel, books and many other things."),
            Item("short", "Alice loves her garden."));
        var results = index.Search(Terms("garden"), MemoryFilter.Current, 2);
        Assert.Equal(["short", "long"], results.Select(r => r.Document.Item.Id));
    }

    [Fact]
    public void Filter_applies_before_taking_the_top()
    {
        var items = Enumerable.Range(0, 100).Select(i => Item($"c{i}", "garden garden garden")).Append(Item("d", "a garden note", "docs")).ToArray();
        var results = Index(items).Search(Terms("garden"), new MemoryFilter { Contexts = ["docs"] }, 1);
        Assert.Equal(["d"], results.Select(r => r.Document.Item.Id));
    }

    [Fact]
    public void Stop_word_only_queries_match_nothing()
    {
        Assert.Empty(Index(Item("a", "The cat is on the mat.")).Search(Terms("what is the"), MemoryFilter.Current, 5));
    }

    [Fact]
    public void Score_of_an_unindexed_memory_uses_the_index_statistics()
    {
        var index = Index(Item("a", "Alice likes tea."), Item("b", "Alice likes coffee."));
        var fresh = IndexedMemory.Analyse(Item("c", "Alice drinks tea."));
        Assert.True(index.Score(Terms("tea"), fresh) > 0);
        Assert.Equal(0, index.Score(Terms("juice"), fresh));
    }

    [Fact]
    public void Dense_search_ranks_by_cosine_among_the_filtered_memories_of_the_model()
    {
        MemoryItem Vec(string id, string context, string model, params float[] v) => Item(id, id, context) with { Embedding = v, EmbeddingModel = model };
        var index = Index(
            Vec("near", "chat", "m", 1, 0.1f),
            Vec("far", "chat", "m", 0, 1),
            Vec("other-model", "chat", "x", 1, 0),
            Vec("docs", "docs", "m", 1, 0));

        var hits = index.DenseSearch([1f, 0f], "m", new MemoryFilter { Contexts = ["chat"] }, 5);

        Assert.Equal(["near", "far"], hits.Select(h => h.Document.Item.Id));
        Assert.Empty(index.DenseSearch([0f, 0f], "m", MemoryFilter.Current, 5));
        Assert.Equal(["near"], index.DenseSearch([1f, 0f], "m", new MemoryFilter { Contexts = ["chat"] }, 1).Select(h => h.Document.Item.Id));
    }
}

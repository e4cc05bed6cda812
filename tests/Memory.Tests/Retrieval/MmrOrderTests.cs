using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

/// <summary>MMR brings a candidate's similarity to the picks up to date only when it could still win; its order is
/// the one of comparing every candidate with every pick (the textbook loop, written out here).</summary>
public sealed class MmrOrderTests
{
    [Theory]
    [InlineData(1, 0.9)]
    [InlineData(2, 0.5)]
    [InlineData(3, 0.0)]
    [InlineData(4, 0.99)]
    public void The_order_is_that_of_comparing_every_candidate_with_every_pick(int seed, double lambda)
    {
        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            // Clusters of near-duplicates, some without a vector (Jaccard), ties in score.
            var ranked = Enumerable.Range(0, 60).Select(i =>
            {
                var cluster = random.Next(6);
                var vector = random.Next(10) == 0 ? null : Enumerable.Range(0, 16).Select(d => (float)((d % 6 == cluster ? 1 : 0) + (random.NextDouble() * 0.4))).ToArray();
                var item = new MemoryItem { Id = $"m{i}", Text = $"fact {cluster} word{random.Next(4)} term{random.Next(3)}", EmbeddingModel = "m", Embedding = vector };
                return new RetrievalCandidate(IndexedMemory.Analyse(item)) { Score = Math.Round(random.NextDouble(), 1) };
            }).OrderByDescending(c => c.Score).ToList();

            Assert.Equal(Reference(ranked, lambda).Select(c => c.Document.Item.Id), MaximalMarginalRelevance.Order(ranked, lambda).Select(c => c.Document.Item.Id));
        }
    }

    private static List<RetrievalCandidate> Reference(List<RetrievalCandidate> ranked, double lambda)
    {
        var scale = ranked[0].Score > 0 ? 1 / ranked[0].Score : 1;
        var remaining = ranked.ToList();
        var picked = new List<RetrievalCandidate>();
        while (remaining.Count > 0)
        {
            var best = 0;
            var bestValue = double.NegativeInfinity;
            for (var i = 0; i < remaining.Count; i++)
            {
                var similarity = picked.Count == 0 ? 0 : picked.Max(p => MaximalMarginalRelevance.Similarity(p.Document, remaining[i].Document));
                var value = (lambda * remaining[i].Score * scale) - ((1 - lambda) * similarity);
                if (value > bestValue)
                {
                    (best, bestValue) = (i, value);
                }
            }

            picked.Add(remaining[best]);
            remaining.RemoveAt(best);
        }

        return picked;
    }
}

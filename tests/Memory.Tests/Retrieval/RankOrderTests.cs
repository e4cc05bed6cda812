using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public sealed class RankOrderTests
{
    [Fact]
    public void Candidates_rank_by_score_then_the_more_recent_then_the_id_with_no_ties()
    {
        var random = new Random(11);
        var day = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var round = 0; round < 100; round++)
        {
            // Few distinct scores and dates, so the later keys decide often.
            var candidates = Enumerable.Range(0, random.Next(0, 60)).Select(i => new RetrievalCandidate(IndexedMemory.Analyse(new MemoryItem
            {
                Id = $"m{random.Next(1000):D3}-{i}",
                Text = "fact",
                OccurredAt = day.AddDays(random.Next(3)),
            }))
            {
                Score = random.Next(4) * 0.25,
            }).ToList();
            var expected = candidates
                .OrderByDescending(c => c.Score)
                .ThenByDescending(c => c.Document.Item.OccurredAt)
                .ThenBy(c => c.Document.Item.Id, StringComparer.Ordinal)
                .ToList();

            candidates.Sort(HybridRetriever.RankOrder);

            Assert.Equal(expected, candidates);
        }
    }
}

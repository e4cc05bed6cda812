using Memory.Model;
using Memory.Retrieval;

namespace Memory.Tests.Retrieval;

public class FusionAndDiversityTests
{
    [Fact]
    public void Reciprocal_rank_fusion_sums_weighted_inverse_ranks()
    {
        Assert.Equal((0.3 / 61) + (0.7 / 63), ScoreFusion.ReciprocalRank(1, 3, 0.3, 0.7, 60), 12);
        Assert.Equal(0.7 / 61, ScoreFusion.ReciprocalRank(null, 1, 0.3, 0.7, 60), 12);
        Assert.Equal(0, ScoreFusion.ReciprocalRank(null, null, 0.3, 0.7, 60));
    }

    [Fact]
    public void Weighted_fusion_with_best_candidate_scaling_scales_bm25_by_the_best_and_keeps_cosine()
    {
        var a = Candidate("a", lexical: 8, dense: 0.2);
        var b = Candidate("b", lexical: 2, dense: 0.9);
        var c = Candidate("c", lexical: 0, dense: -0.3);
        ScoreFusion.Apply([a, b, c], new RetrievalOptions
        {
            Fusion = FusionMethod.Weighted, LexicalNormalization = LexicalNormalization.BestCandidate, LexicalWeight = 0.3, DenseWeight = 0.7,
        }, attainableLexical: 32);

        Assert.Equal((0.3 * 1.0) + (0.7 * 0.2), a.Fused, 12);
        Assert.Equal((0.3 * 0.25) + (0.7 * 0.9), b.Fused, 12);
        Assert.Equal(0, c.Fused, 12);
    }

    [Fact]
    public void Weighted_fusion_scales_bm25_by_the_querys_attainable_score_by_default()
    {
        var a = Candidate("a", lexical: 8, dense: 0.2);
        var b = Candidate("b", lexical: 40, dense: 0.1);
        ScoreFusion.Apply([a, b], new RetrievalOptions { LexicalWeight = 0.3, DenseWeight = 0.7 }, attainableLexical: 32);

        Assert.Equal(LexicalNormalization.Attainable, new RetrievalOptions().LexicalNormalization);
        Assert.Equal((0.3 * 0.25) + (0.7 * 0.2), a.Fused, 12); // a quarter of what the query could match: not 1
        Assert.Equal((0.3 * 1.0) + (0.7 * 0.1), b.Fused, 12); // above the attainable score (a short memory): clipped
    }

    [Fact]
    public void One_generic_word_match_does_not_outvote_a_clear_dense_winner()
    {
        // "Which film genre do I dislike?": the distractor matches "dislike" only, the answer no word at all.
        var distractor = Candidate("crowds", lexical: 5.4, dense: 0.35);
        var answer = Candidate("horror", lexical: 0, dense: 0.50);
        const double attainable = 5.4 + 5.4 + 6.5; // dislike, film, genre (unseen)

        ScoreFusion.Apply([distractor, answer], new RetrievalOptions { LexicalWeight = 0.3, DenseWeight = 0.7 }, attainable);
        Assert.True(answer.Fused > distractor.Fused, $"{answer.Fused} vs {distractor.Fused}");

        ScoreFusion.Apply([distractor, answer], new RetrievalOptions { LexicalNormalization = LexicalNormalization.BestCandidate }, attainable);
        Assert.True(answer.Fused < distractor.Fused); // what scaling by the best candidate did
    }

    [Fact]
    public void A_clear_dense_winner_stays_first_against_one_generic_word_match()
    {
        // "What food do I like best?": "I volunteer at a food bank" matches "food" (a fifth of the query's idf mass);
        // "Thai green curry is my favourite dish" matches nothing but is what the embedding finds closest.
        var answer = Candidate("curry", lexical: 0, dense: 0.52);
        var distractor = Candidate("food-bank", lexical: 3.1, dense: 0.41);
        distractor.LexicalCoverage = 0.2;
        var options = new RetrievalOptions { LexicalNormalization = LexicalNormalization.BestCandidate };
        Rank(options, attainable: 15.5, answer, distractor);
        Assert.True(answer.Score > distractor.Score, $"{answer.Score} vs {distractor.Score}");

        options.ProtectDenseWinner = false; // the earlier pipeline let the one-word match win
        Rank(options, attainable: 15.5, answer, distractor);
        Assert.True(answer.Score < distractor.Score);
    }

    [Fact]
    public void The_film_genre_answer_beats_a_generic_word_match_even_with_a_heavy_lexical_weight()
    {
        var answer = Candidate("horror", lexical: 0, dense: 0.50);
        var distractor = Candidate("crowds", lexical: 5.4, dense: 0.45);
        distractor.LexicalCoverage = 5.4 / (5.4 + 5.4 + 6.5); // "dislike" of dislike, film, genre
        var options = new RetrievalOptions();

        Rank(options, attainable: 17.3, answer, distractor);

        Assert.True(answer.Score > distractor.Score, $"{answer.Score} vs {distractor.Score}");
        Assert.True(distractor.Score > 0); // its own score is untouched: it still ranks next
    }

    [Fact]
    public void A_rare_name_match_still_overtakes_the_dense_winner()
    {
        // LoCoMo-like: "When did Caroline go to the LGBTQ support group?" - the evidence matches the name and the topic
        // (most of the query's idf mass) while the embedding prefers another of Caroline's memories.
        var evidence = Candidate("support-group", lexical: 14, dense: 0.48);
        evidence.LexicalCoverage = 0.8;
        var denseWinner = Candidate("caroline-art", lexical: 2, dense: 0.55);
        denseWinner.LexicalCoverage = 0.15;

        Rank(new RetrievalOptions(), attainable: 17, evidence, denseWinner);

        Assert.True(evidence.Score > denseWinner.Score, $"{evidence.Score} vs {denseWinner.Score}");
    }

    [Fact]
    public void Protection_moves_only_the_dense_winner_and_respects_the_margin()
    {
        var winner = Candidate("w", dense: 0.50);
        var close = Candidate("c", lexical: 4, dense: 0.49);
        close.LexicalCoverage = 0.3;
        var other = Candidate("o", lexical: 3, dense: 0.30);
        other.LexicalCoverage = 0.25;
        var options = new RetrievalOptions { LexicalWeight = 0.6, DenseWeight = 0.4, DenseWinnerMargin = 0.05 };

        Rank(options, attainable: 10, winner, close, other);
        Assert.True(close.Score > winner.Score); // leads the runner-up by 0.01 only: not a clear winner

        options.DenseWinnerMargin = 0;
        Rank(options, attainable: 10, winner, close, other);
        Assert.True(winner.Score > close.Score && close.Score > other.Score); // the rest keep their fused order
        Assert.Equal((0.6 * 0.3) + (0.4 * 0.30), other.Score, 12);
    }

    [Fact]
    public void The_agreement_gate_scales_a_lexical_match_by_how_plausible_the_embedding_finds_it()
    {
        var best = Candidate("best", lexical: 0, dense: 0.8);
        var implausible = Candidate("implausible", lexical: 10, dense: 0.4);
        var options = new RetrievalOptions { LexicalWeight = 0.6, DenseWeight = 0.4, LexicalAgreementExponent = 2 };

        ScoreFusion.Apply([best, implausible], options, attainableLexical: 10);
        Assert.Equal((0.6 * 1.0 * 0.25) + (0.4 * 0.4), implausible.Fused, 12); // (0.4 / 0.8)^2 of its lexical part

        options.LexicalAgreementExponent = 0; // the default: no gate
        ScoreFusion.Apply([best, implausible], options, attainableLexical: 10);
        Assert.Equal((0.6 * 1.0) + (0.4 * 0.4), implausible.Fused, 12);
    }

    [Fact]
    public void Rrf_fusion_uses_ranks_not_scores()
    {
        var a = Candidate("a", lexical: 100, dense: 0.1, lexicalRank: 1, denseRank: 2);
        var b = Candidate("b", lexical: 1, dense: 0.2, lexicalRank: 2, denseRank: 1);
        ScoreFusion.Apply([a, b], new RetrievalOptions { Fusion = FusionMethod.Rrf, LexicalWeight = 0.5, DenseWeight = 0.5 }, attainableLexical: 100);
        Assert.Equal(a.Fused, b.Fused, 12);
    }

    [Fact]
    public void Mmr_with_lambda_one_keeps_relevance_order()
    {
        var ranked = new[] { Candidate("a", score: 3), Candidate("a2", score: 2), Candidate("b", score: 1) };
        Assert.Equal(["a", "a2"], MaximalMarginalRelevance.Select(ranked, 1.0, 2).Select(c => c.Document.Item.Id));
    }

    [Fact]
    public void Mmr_prefers_a_different_fact_over_a_near_duplicate()
    {
        var ranked = new[]
        {
            Candidate("a", score: 1.0, text: "Alice loves pasta carbonara"),
            Candidate("a2", score: 0.95, text: "Alice loves carbonara pasta"),
            Candidate("b", score: 0.8, text: "Alice bakes sourdough bread"),
        };
        var selected = MaximalMarginalRelevance.Select(ranked, 0.6, 2);
        Assert.Equal(["a", "b"], selected.Select(c => c.Document.Item.Id));
    }

    [Fact]
    public void Similarity_uses_vectors_of_one_model_else_term_overlap()
    {
        var x = IndexedMemory.Analyse(new MemoryItem { Id = "x", Text = "red apple", EmbeddingModel = "m", Embedding = [1, 0] });
        var y = IndexedMemory.Analyse(new MemoryItem { Id = "y", Text = "green pear", EmbeddingModel = "m", Embedding = [1, 0] });
        var z = IndexedMemory.Analyse(new MemoryItem { Id = "z", Text = "red apple", EmbeddingModel = "other", Embedding = [0, 1] });
        Assert.Equal(1.0, MaximalMarginalRelevance.Similarity(x, y), 6);
        Assert.Equal(1.0, MaximalMarginalRelevance.Similarity(x, z), 6); // different models: identical terms
        Assert.Equal(0.0, MaximalMarginalRelevance.Similarity(y, z), 6);
    }

    [Fact]
    public void Reranking_is_gentle_and_prefers_confident_fresh_memories()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new RetrievalOptions();
        var fresh = new MemoryItem { Id = "f", Text = "t", Confidence = 1, OccurredAt = now };
        var stale = new MemoryItem { Id = "s", Text = "t", Confidence = 0.5, OccurredAt = now.AddYears(-10) };

        var freshFactor = CandidateReranker.Factor(fresh, options, now, null);
        var staleFactor = CandidateReranker.Factor(stale, options, now, null);

        Assert.Equal(1.0, freshFactor, 6);
        Assert.InRange(staleFactor, 0.9, freshFactor - 0.05);
    }

    [Fact]
    public void Reranking_does_not_overturn_a_clear_relevance_winner()
    {
        var now = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var winner = Candidate("w", dense: 0.5);
        winner.Fused = 0.50;
        var runnerUp = Candidate("r", dense: 0.45);
        runnerUp.Fused = 0.45; // 10% behind
        var old = new MemoryItem { Id = "w", Text = "w", Confidence = 0.5, OccurredAt = now.AddYears(-10) };
        var fresh = new MemoryItem { Id = "r", Text = "r", Confidence = 1, OccurredAt = now };
        var options = new RetrievalOptions();

        Assert.True(0.50 * CandidateReranker.Factor(old, options, now, null) > 0.45 * CandidateReranker.Factor(fresh, options, now, null));
        var earlier = new RetrievalOptions { ConfidenceWeight = 0.1, FreshnessWeight = 0.1 };
        Assert.True(0.50 * CandidateReranker.Factor(old, earlier, now, null) < 0.45 * CandidateReranker.Factor(fresh, earlier, now, null));
    }

    /// <summary>Fusion, a neutral rerank and the dense-winner step, as <see cref="HybridRetriever"/> runs them.</summary>
    private static void Rank(RetrievalOptions options, double attainable, params RetrievalCandidate[] candidates)
    {
        ScoreFusion.Apply(candidates, options, attainable);
        foreach (var candidate in candidates)
        {
            candidate.Score = candidate.Fused;
        }

        DenseWinnerProtection.Apply(candidates, options);
    }

    private static RetrievalCandidate Candidate(string id, double lexical = 0, double? dense = null, int? lexicalRank = null,
        int? denseRank = null, double score = 0, string? text = null) =>
        new(IndexedMemory.Analyse(new MemoryItem { Id = id, Text = text ?? id }))
        {
            Lexical = lexical, Dense = dense, LexicalRank = lexicalRank, DenseRank = denseRank, Score = score,
        };
}

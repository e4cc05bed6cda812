using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Memory.Model;
using Memory.Retrieval;
using Memory.Tests.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Memory.Tests.Retrieval;

/// <summary>The paraphrase sets through the hybrid retriever: every memory of a set (answers and distractors; 330 in the
/// dev set, 153 in the held-out set) is one user's, each question is searched, and the answer must come first. The
/// first two tests run the published MiniLM (<c>Tuning=None</c>, the fixture) with the published fusion defaults; the
/// last runs the default tuned MiniLM with its fusion profile.</summary>
[Collection(MiniLmCollection.Name)]
public class ParaphraseRetrievalTests(MiniLmFixture miniLm, ITestOutputHelper output)
{
    [Fact]
    public async Task The_default_fusion_keeps_generic_word_matches_from_outvoting_the_dense_ranking()
    {
        var fixture = await SeedAsync(ParaphraseDevSet.Pairs);
        var fused = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions());
        var unhubbed = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions { HubPenalty = 0 });
        var unprotected = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions { ProtectDenseWinner = false, HubPenalty = 0 });
        var earlier = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions { LexicalNormalization = LexicalNormalization.BestCandidate, ProtectDenseWinner = false, HubPenalty = 0 });
        var dense = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions { LexicalWeight = 0, DenseWeight = 1, HubPenalty = 0 });
        var untyped = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions { AnswerTypeBonus = 0 });
        output.WriteLine($"top-1: default {fused:F3}, without the answer-type prior {untyped:F3}, without the hub correction {unhubbed:F3}, " +
            $"dense winner unprotected {unprotected:F3}, BM25 scaled by the best candidate {earlier:F3}, dense alone {dense:F3}");

        // Measured with the published weights and defaults (int8 query graph over fp32 memories): default 0.721, without the
        // answer-type prior 0.703, without the hub correction 0.709, unprotected 0.042, best-candidate scaling 0.000,
        // dense alone 0.727 (docs/memory-retrieval.md). One question is 0.006: the floors leave about two.
        Assert.True(fused >= 0.71, $"default top-1 {fused:F3}");
        Assert.True(fused >= untyped + 0.012, $"default {fused:F3} vs without the answer-type prior {untyped:F3}");
        Assert.True(fused >= unhubbed, $"default {fused:F3} vs without the hub correction {unhubbed:F3}");
        Assert.True(fused >= dense - 0.02, $"default {fused:F3} vs dense alone {dense:F3}");
        Assert.True(fused >= unprotected + 0.15, $"default {fused:F3} vs unprotected {unprotected:F3}");
        Assert.True(fused >= earlier + 0.5, $"default {fused:F3} vs best-candidate scaling {earlier:F3}");
    }

    [Fact]
    public async Task The_default_fusion_holds_on_the_held_out_paraphrase_set()
    {
        var pairs = ParaphraseDevSet.HeldOut;
        var fixture = await SeedAsync(pairs);
        var fused = await TopOneAsync(fixture, pairs, new RetrievalOptions());
        var unhubbed = await TopOneAsync(fixture, pairs, new RetrievalOptions { HubPenalty = 0 });
        var unprotected = await TopOneAsync(fixture, pairs, new RetrievalOptions { ProtectDenseWinner = false, HubPenalty = 0 });
        var untyped = await TopOneAsync(fixture, pairs, new RetrievalOptions { AnswerTypeBonus = 0 });
        output.WriteLine($"held-out top-1: default {fused:F3}, without the answer-type prior {untyped:F3}, without the hub correction {unhubbed:F3}, " +
            $"dense winner unprotected {unprotected:F3}");

        // Measured with the published weights and defaults (int8 query graph): default 0.697, without the answer-type prior 0.671,
        // without the hub correction 0.711, unprotected 0.000 (docs/memory-retrieval.md). One question is 0.013 here:
        // the hub correction's effect on this set is within one question either way, so it may not cost more.
        Assert.True(fused >= 0.68, $"default top-1 {fused:F3}");
        Assert.True(fused >= untyped + 0.013, $"default {fused:F3} vs without the answer-type prior {untyped:F3}");
        Assert.True(fused >= unhubbed - 0.014, $"default {fused:F3} vs without the hub correction {unhubbed:F3}");
        Assert.True(fused >= unprotected + 0.5, $"default {fused:F3} vs unprotected {unprotected:F3}");
    }

    [Fact]
    public async Task The_tuned_minilm_with_its_fusion_profile_ranks_more_answers_first()
    {
        if (!OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, out var tuned, out var error))
        {
            throw new InvalidOperationException(error);
        }

        using (tuned)
        {
            var fixture = await SeedAsync(ParaphraseDevSet.Pairs, tuned);
            var profile = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, FusionProfiles.ApplyDefaults(new RetrievalOptions(), EmbeddingGenerators.ModelIdOf(tuned)));
            var publishedDefaults = await TopOneAsync(fixture, ParaphraseDevSet.Pairs, new RetrievalOptions());
            output.WriteLine($"tuned top-1: with its profile {profile:F3}, with the published defaults {publishedDefaults:F3}");

            // Measured: 0.806 with the profile (docs/memory-retrieval.md, "The tuned MiniLM and its fusion profile"); the
            // published model's default fusion reaches 0.721 (the first test).
            Assert.True(profile >= 0.79, $"tuned top-1 {profile:F3}");
            Assert.True(profile >= publishedDefaults + 0.03, $"profile {profile:F3} vs the published defaults {publishedDefaults:F3}");
        }
    }

    private Task<RetrieverFixture> SeedAsync(IReadOnlyList<ParaphraseDevSet.Pair> pairs) => SeedAsync(pairs, miniLm.Generator);

    private static async Task<RetrieverFixture> SeedAsync(IReadOnlyList<ParaphraseDevSet.Pair> pairs, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var fixture = new RetrieverFixture { Embedder = embedder };
        var memories = pairs
            .SelectMany(p => p.Distractors.Select((d, i) => (Id: $"{p.Id}-d{i + 1}", Text: d)).Prepend((Id: p.Id, Text: p.Memory)))
            .ToList();
        var vectors = await embedder.GenerateAsync(memories.Select(m => m.Text));
        var model = EmbeddingGenerators.ModelIdOf(embedder);
        await fixture.AddAsync(RetrieverFixture.Alice, memories.Select((m, i) =>
            fixture.Item(m.Id, m.Text) with { EmbeddingModel = model, Embedding = vectors[i].Vector.ToArray() }).ToArray());
        return fixture;
    }

    private static async Task<double> TopOneAsync(RetrieverFixture fixture, IReadOnlyList<ParaphraseDevSet.Pair> pairs, RetrievalOptions options)
    {
        var settings = fixture.Options;
        settings.LexicalNormalization = options.LexicalNormalization;
        settings.LexicalWeight = options.LexicalWeight;
        settings.DenseWeight = options.DenseWeight;
        settings.ProtectDenseWinner = options.ProtectDenseWinner;
        settings.HubPenalty = options.HubPenalty;
        settings.AnswerTypeBonus = options.AnswerTypeBonus;
        var retriever = fixture.Create();
        var hits = 0;
        foreach (var pair in pairs)
        {
            var results = await retriever.SearchAsync(RetrieverFixture.Alice, new MemorySearchRequest { Query = pair.Question, Limit = 1 });
            hits += results.Count > 0 && results[0].Memory.Id == pair.Id ? 1 : 0;
        }

        return hits / (double)pairs.Count;
    }
}

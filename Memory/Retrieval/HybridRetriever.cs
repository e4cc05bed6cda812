using System.Diagnostics;
using Memory.Cluster;
using Memory.Configuration;
using Memory.Embeddings;
using Memory.Model;
using Memory.Retrieval.QueryForms;
using Memory.Stores;
using Memory.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Retrieval;

/// <summary>Hybrid retrieval over one user's memories: BM25 (per-user cached index) and dense cosine (exact, over the
/// vectors the cached index already holds; for very large users the store's vector search, filters pushed down)
/// fused by weighted normalised scores or reciprocal rank, gently reranked by confidence and freshness, the dense winner
/// kept first unless a candidate matches a large share of the query's words (<see cref="DenseWinnerProtection"/>),
/// diversified with MMR. Filters always apply before any top-k. For prompts it adds the
/// user's profile within its own token sub-budget and fills the rest with relevant memories.</summary>
internal sealed partial class HybridRetriever : IMemoryRetriever
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;

    private readonly IMemoryStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ITokenCounter _tokens;
    private readonly MemoryOptions _memory;
    private readonly RetrievalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HybridRetriever> _logger;
    private readonly Bm25IndexCache _indexes;
    private readonly string _modelId;
    private readonly RetrievalDeadline _deadline;
    private readonly IUserGenerations _generations;
    private readonly bool _startsQueriesCheaply;

    public HybridRetriever(
        IMemoryStore store,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        ITokenCounter tokenCounter,
        IOptions<MemoryOptions> memoryOptions,
        IOptions<RetrievalOptions> retrievalOptions,
        TimeProvider timeProvider,
        ILogger<HybridRetriever> logger,
        RetrievalDeadline? deadline = null,
        IUserGenerations? generations = null)
    {
        _generations = generations ?? new LocalUserGenerations();
        _deadline = deadline ?? new RetrievalDeadline(retrievalOptions, timeProvider);
        _store = store;
        _embedder = embedder;
        _tokens = tokenCounter;
        _memory = memoryOptions.Value;
        _options = retrievalOptions.Value;
        _time = timeProvider;
        _logger = logger;
        _modelId = EmbeddingGenerators.ModelIdOf(embedder);
        _startsQueriesCheaply = embedder.GetService<Embeddings.Hash.HashEmbeddingGenerator>() is not null
            || embedder.GetService<Embeddings.Onnx.OnnxEmbeddingGenerator>() is not null;
        _indexes = new Bm25IndexCache(_options.IndexCacheMegabytes * 1024L * 1024L, _options.IndexTimeToLive, timeProvider);
        _indexes.Evicted += (count, bytes) => RetrievalLog.IndexesEvicted(_logger, count, bytes);
    }

    /// <summary>The per-user index cache (exposed for tests and benchmarks).</summary>
    internal Bm25IndexCache Indexes => _indexes;

    public async Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, MemorySearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.GetTimestamp();
        var limit = request.Limit <= 0 ? DefaultLimit : Math.Min(request.Limit, MaxLimit);
        var filter = new MemoryFilter
        {
            Contexts = request.Contexts is { Count: > 0 } ? request.Contexts : null,
            MinConfidence = request.MinConfidence,
            OccurredAfter = OccurredAfter(request.MaxAgeDays),
            IncludeSuperseded = request.IncludeSuperseded,
        };

        var ranking = await RankAsync(user, request.Query ?? string.Empty, filter, preferredContext: null, limit, cancellationToken).ConfigureAwait(false);
        var selected = MaximalMarginalRelevance.Select(ranking.Candidates, _options.MmrLambda, limit);
        RetrievalLog.Searched(_logger, ranking.LexicalCount, ranking.DenseCount, selected.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return selected.Select(c => new ScoredMemory(c.Document.Item, c.Score)).ToList();
    }

    public async Task<MemorySelection> SelectForPromptAsync(UserKey user, PromptMemoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TokenBudget <= 0)
        {
            return MemorySelection.Empty;
        }

        var floor = Math.Clamp(_memory.InjectionConfidenceFloor, 0, 1);
        var filter = new MemoryFilter { MinConfidence = floor };
        var ranking = await RankAsync(user, request.Query ?? string.Empty, filter, request.Context, MaxLimit, cancellationToken, underDeadline: true).ConfigureAwait(false);

        var used = 0;
        var profileBudget = (int)Math.Floor(request.TokenBudget * Math.Clamp(_memory.ProfileBudgetShare, 0, 1));
        var profile = SelectProfile(ranking, floor, profileBudget, request.Model, ref used);

        var chosen = profile.Select(p => p.Memory.Id).ToHashSet(StringComparer.Ordinal);
        var eligible = ranking.Candidates
            .Where(c => !chosen.Contains(c.Document.Item.Id) && IsRelevant(c))
            .ToList();
        var relevant = new List<ScoredMemory>();
        var cheapest = eligible.Count == 0 ? 0 : eligible.Min(c => Cost(c.Document, request.Model));
        foreach (var candidate in MaximalMarginalRelevance.Order(eligible, _options.MmrLambda))
        {
            if (relevant.Count >= _options.MaxPromptMemories || request.TokenBudget - used < cheapest)
            {
                break; // full, or not even the cheapest candidate fits what is left (MMR need not order the rest)
            }

            var cost = Cost(candidate.Document, request.Model);
            if (used + cost <= request.TokenBudget)
            {
                used += cost;
                relevant.Add(new ScoredMemory(candidate.Document.Item, candidate.Score));
            }
        }

        RetrievalLog.PromptSelected(_logger, profile.Count, relevant.Count, used, request.TokenBudget);
        return new MemorySelection(profile, relevant);
    }

    public void Invalidate(UserKey user)
    {
        _indexes.Invalidate(user);
        _generations.Bump(user);
    }

    /// <summary>Tokens one memory takes in the prompt: its text plus the formatted line's fixed overhead.</summary>
    internal int Cost(MemoryItem item, string? model) => _tokens.Count(item.Text, model) + _options.TokensPerMemoryOverhead;

    /// <summary><see cref="Cost(MemoryItem, string?)"/>, the count kept with the cached index entry.</summary>
    private int Cost(IndexedMemory document, string? model) => document.TokenCount(_tokens, model) + _options.TokensPerMemoryOverhead;

    private List<ScoredMemory> SelectProfile(Ranking ranking, double floor, int budget, string? model, ref int used)
    {
        var profileFloor = Math.Max(floor, _options.ProfileConfidenceFloor);
        var scores = ranking.Candidates.ToDictionary(c => c.Document.Item.Id, c => c.Score, StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var facts = ranking.Index.Documents
            .Where(d => d.Profile != ProfileCategory.None && d.Item.IsCurrent && d.Item.Confidence >= profileFloor)
            .Select(d => (Document: d, Factor: CandidateReranker.Factor(d.Item, _options, now, preferredContext: null)))
            .OrderBy(d => d.Document.Profile)
            .ThenByDescending(d => scores.GetValueOrDefault(d.Document.Item.Id))
            .ThenByDescending(d => d.Factor)
            .ThenBy(d => d.Document.Item.Id, StringComparer.Ordinal)
            .Select(d => d.Document)
            .ToList();
        var cheapest = facts.Count == 0 ? 0 : facts.Min(d => Cost(d, model));

        var profile = new List<ScoredMemory>();
        var picked = new List<IndexedMemory>();
        foreach (var fact in facts)
        {
            if (budget - used < cheapest)
            {
                break; // not even the cheapest profile fact fits what is left
            }

            var cost = Cost(fact, model);
            if (used + cost > budget || picked.Any(p => MaximalMarginalRelevance.Similarity(p, fact) >= _options.DuplicateSimilarity))
            {
                continue;
            }

            used += cost;
            picked.Add(fact);
            profile.Add(new ScoredMemory(fact.Item, scores.GetValueOrDefault(fact.Item.Id)));
        }

        return profile;
    }

    /// <summary>The instant <c>maxAgeDays</c> reaches back to; null (no bound) when it is not a finite, non-negative
    /// number or reaches back past the calendar's first day (which <see cref="DateTimeOffset"/> cannot hold).</summary>
    private DateTimeOffset? OccurredAfter(double? maxAgeDays)
    {
        if (maxAgeDays is not { } days || !double.IsFinite(days) || days < 0)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        return days < (now - DateTimeOffset.MinValue).TotalDays - 1 ? now - TimeSpan.FromDays(days) : null;
    }

    private bool IsRelevant(RetrievalCandidate candidate) =>
        candidate.Lexical > 0 || candidate.Dense >= _options.MinPromptDenseSimilarity;

    private async Task<Ranking> RankAsync(
        UserKey user, string query, MemoryFilter filter, string? preferredContext, int limit, CancellationToken cancellationToken, bool underDeadline = false)
    {
        // The query's embedding (a model pass) runs while the index is fetched and BM25 scores (or was started with
        // the request); for a prompt, past the retrieval deadline the ranking goes on without it.
        var embedding = _options.DenseWeight > 0 && !(underDeadline && QueryEmbeddingPrefetch.WasNotStarted(user, query))
            ? QueryEmbeddingPrefetch.Take(user, query) ?? StartQueryEmbedding(user, query, underDeadline, cancellationToken)
            : null;
        var index = await GetIndexAsync(user, filter.IncludeSuperseded, cancellationToken).ConfigureAwait(false);
        var pool = Math.Max(_options.CandidatesPerRanker, limit);
        var candidates = new Dictionary<string, RetrievalCandidate>(StringComparer.Ordinal);
        var queryTerms = index.QueryTerms(query);

        var lexicalCount = 0;
        if (_options.LexicalWeight > 0)
        {
            var rank = 0;
            foreach (var (document, score) in index.Search(queryTerms, filter, pool))
            {
                candidates[document.Item.Id] = new RetrievalCandidate(document) { Lexical = score, LexicalRank = ++rank };
            }

            lexicalCount = rank;
        }

        var queryVector = await WaitForQueryAsync(embedding, underDeadline, cancellationToken).ConfigureAwait(false);
        var denseCount = 0;
        if (queryVector is not null)
        {
            var dense = index.Documents.Count <= _options.InProcessDenseMaxMemories
                ? index.DenseSearch(queryVector.Value.Span, _modelId, filter, pool).Select(h => new ScoredMemory(h.Document.Item, h.Score)).ToList()
                : await DenseSearchAsync(user, queryVector.Value, filter, pool, cancellationToken).ConfigureAwait(false);
            foreach (var hit in dense)
            {
                denseCount++;
                if (!candidates.TryGetValue(hit.Memory.Id, out var candidate))
                {
                    var document = index.Find(hit.Memory.Id) ?? IndexedMemory.Analyse(hit.Memory, index.IrregularVerbForms);
                    candidate = new RetrievalCandidate(document) { Lexical = index.Score(queryTerms, document) };
                    candidates[hit.Memory.Id] = candidate;
                }

                candidate.Dense = hit.Score;
                candidate.DenseRank = denseCount;
            }

            // Lexical candidates the dense list missed still have a true cosine: compute it from their stored vector.
            var queryInverseNorm = IndexedMemory.InverseNormOf(queryVector.Value.Span);
            foreach (var candidate in candidates.Values)
            {
                if (candidate.Dense is null && DenseSimilarity.Cosine(queryVector.Value.Span, queryInverseNorm, candidate.Document, _modelId) is { } cosine)
                {
                    candidate.Dense = cosine;
                }
            }

            CorrectHubness(candidates.Values);
            AnswerTypePrior.Apply(query, candidates.Values, _options.AnswerTypeBonus);
        }

        if (candidates.Count == 0 && queryTerms.Length == 0 && queryVector is null)
        {
            // No query to rank by: the filtered memories, freshest and most confident first.
            foreach (var document in index.Documents.Where(d => MemoryFilterMatcher.Matches(filter, d.Item)))
            {
                candidates[document.Item.Id] = new RetrievalCandidate(document) { Fused = 1 };
            }
        }
        else
        {
            var attainable = index.AttainableScore(queryTerms);
            var termIdf = index.MatchedTermIdf(queryTerms);
            foreach (var candidate in candidates.Values)
            {
                candidate.LexicalCoverage = attainable > 0 && candidate.Lexical > 0
                    ? Math.Clamp(Bm25Index.MatchedIdf(queryTerms, termIdf, candidate.Document) / attainable, 0, 1)
                    : 0;
            }

            ScoreFusion.Apply(candidates.Values.ToList(), _options, attainable);
        }

        CandidateReranker.Apply(candidates.Values, _options, _time.GetUtcNow(), preferredContext);
        DenseWinnerProtection.Apply(candidates.Values, _options);
        var ranked = new List<RetrievalCandidate>(candidates.Values);
        ranked.Sort(RankOrder);
        if (PseudoRelevanceFeedback.Enabled(_options) && ranked.Count > 1 && (queryTerms.Length > 0 || queryVector is not null))
        {
            ApplyFeedback(index, queryTerms, queryVector is not null, ranked, preferredContext);
            ranked.Sort(RankOrder);
        }
        var keep = Math.Max(pool, limit);
        if (ranked.Count > keep)
        {
            ranked.RemoveRange(keep, ranked.Count - keep);
        }

        return new Ranking(index, ranked, lexicalCount, denseCount);
    }

    /// <summary>Scores the candidates again with pseudo-relevance feedback from the first ranking's best
    /// (<see cref="PseudoRelevanceFeedback"/>) and re-fuses; the first ranking's first candidate stays first.</summary>
    private void ApplyFeedback(Bm25Index index, string[] queryTerms, bool dense, List<RetrievalCandidate> ranked, string? preferredContext)
    {
        var first = ranked[0];
        var feedback = ranked.GetRange(0, Math.Min(_options.FeedbackDocuments, ranked.Count));
        var attainable = index.AttainableScore(queryTerms);
        if (_options.LexicalFeedbackWeight > 0 && _options.LexicalWeight > 0 && _options.LexicalFeedbackTerms > 0)
        {
            var expansion = PseudoRelevanceFeedback.ExpansionTerms(
                feedback.Select(f => f.Document).ToList(), PseudoRelevanceFeedback.DocumentWeights(feedback), queryTerms,
                index.TermIdf, _options.LexicalFeedbackTerms, _options.LexicalFeedbackMinDocuments);
            if (expansion.Count > 0)
            {
                var terms = queryTerms.Concat(expansion.Select(e => e.Term)).ToList();
                var weights = queryTerms.Select(_ => 1.0).Concat(expansion.Select(e => _options.LexicalFeedbackWeight * e.Weight)).ToList();
                foreach (var candidate in ranked)
                {
                    candidate.Lexical = index.Score(terms, weights, candidate.Document);
                }

                foreach (var (term, weight) in expansion)
                {
                    attainable += _options.LexicalFeedbackWeight * weight * index.TermIdf(term);
                }
            }
        }

        if (dense && _options.DenseFeedbackWeight > 0)
        {
            PseudoRelevanceFeedback.ShiftDense(ranked, feedback, _modelId, _options.DenseFeedbackWeight);
            RetrievalCandidate.RerankDense(ranked);
        }

        ScoreFusion.Apply(ranked, _options, attainable);
        if (_options.NeighbourFeedbackWeight > 0)
        {
            PseudoRelevanceFeedback.BoostNeighbours(ranked, feedback, _options.NeighbourFeedbackWeight, _options.NeighbourFeedbackMaxGroup);
        }

        CandidateReranker.Apply(ranked, _options, _time.GetUtcNow(), preferredContext);
        DenseWinnerProtection.Apply(ranked, _options);
        var best = double.NegativeInfinity;
        foreach (var candidate in ranked)
        {
            if (!ReferenceEquals(candidate, first))
            {
                best = Math.Max(best, candidate.Score);
            }
        }

        if (best >= first.Score && double.IsFinite(best))
        {
            first.Score = Math.BitIncrement(best);
        }
    }

    /// <summary>The ranking's order: score, then the more recent, then the id (ordinal), so no two candidates tie.</summary>
    internal static int RankOrder(RetrievalCandidate x, RetrievalCandidate y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byTime = y.Document.Item.OccurredAt.CompareTo(x.Document.Item.OccurredAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Document.Item.Id, y.Document.Item.Id);
    }

    /// <summary>Takes each candidate's excess hubness among the query's candidates (<see cref="DenseHubness"/>,
    /// <see cref="RetrievalOptions.HubPenalty"/>) off its cosine and re-ranks the dense list by the corrected cosine.</summary>
    private void CorrectHubness(IEnumerable<RetrievalCandidate> candidates)
    {
        if (_options.HubPenalty <= 0)
        {
            return;
        }

        var scored = candidates.Where(c => c.Dense is not null).ToList();
        var vectors = scored.Select(c => string.Equals(c.Document.Item.EmbeddingModel, _modelId, StringComparison.Ordinal) ? c.Document.Item.Embedding : null).ToList();
        if (DenseHubness.Compute(vectors, _options.HubNeighbours) is not { } hubness)
        {
            return;
        }

        for (var i = 0; i < scored.Count; i++)
        {
            scored[i].Dense -= _options.HubPenalty * hubness.Excess(i);
        }

        RetrievalCandidate.RerankDense(scored);
    }

    private async Task<Bm25Index> GetIndexAsync(UserKey user, bool includeSuperseded, CancellationToken cancellationToken) =>
        await _indexes.GetOrBuildAsync(user, includeSuperseded, await _generations.ReadAsync(user, cancellationToken).ConfigureAwait(false), async ct =>
        {
            var started = Stopwatch.GetTimestamp();
            var items = await _store.ListAsync(user, new MemoryFilter { IncludeSuperseded = includeSuperseded }, ct).ConfigureAwait(false);
            var index = new Bm25Index(items, _options.Bm25K1, _options.Bm25B, _time.GetUtcNow(), _options.IrregularVerbForms);
            RetrievalLog.IndexBuilt(_logger, index.Documents.Count, index.EstimatedBytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return index;
        }, cancellationToken).ConfigureAwait(false);

    private async Task<ReadOnlyMemory<float>?> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        try
        {
            var generated = await _embedder.GenerateAsync([EmbeddedPart(query, _options.MaxQueryEmbeddingCharacters)], EmbeddingInputs.Query(), cancellationToken).ConfigureAwait(false);
            return generated.Count > 0 ? generated[0].Vector : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RetrievalLog.QueryEmbeddingFailed(_logger, ex.GetType().Name, ex);
            return null;
        }
    }

    /// <summary>The end of <paramref name="query"/> within <paramref name="max"/> characters, starting at a word.</summary>
    internal static string EmbeddedPart(string query, int max)
    {
        if (max <= 0 || query.Length <= max)
        {
            return query;
        }

        var start = query.Length - max;
        if (char.IsLowSurrogate(query[start]))
        {
            start++;
        }

        var space = query.AsSpan(start).IndexOfAny(' ', '\n', '\t');
        return space >= 0 && space <= max / 2 ? query[(start + space + 1)..] : query[start..];
    }

    private async Task<IReadOnlyList<ScoredMemory>> DenseSearchAsync(
        UserKey user, ReadOnlyMemory<float> vector, MemoryFilter filter, int top, CancellationToken cancellationToken)
    {
        try
        {
            return await _store.SearchAsync(user, vector, _modelId, filter, top, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            RetrievalLog.DenseSearchFailed(_logger, ex.GetType().Name, ex);
            return [];
        }
    }

    private sealed record Ranking(Bm25Index Index, List<RetrievalCandidate> Candidates, int LexicalCount, int DenseCount);
}

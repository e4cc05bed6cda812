namespace Memory.Retrieval;

/// <summary>Settings section <c>Memory:Retrieval</c>: how hybrid retrieval ranks, diversifies and budgets
/// memories. Defaults were chosen on the LoCoMo dev split and the paraphrase dev set (docs/memory-retrieval.md).</summary>
public sealed class RetrievalOptions
{
    public const string Section = "Memory:Retrieval";

    /// <summary><c>Weighted</c> (default) or <c>Rrf</c>.</summary>
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>How weighted fusion scales BM25 to [0, 1]: <c>Attainable</c> (default: against the score a memory
    /// matching the whole query would get) or <c>BestCandidate</c> (against the best candidate's score).</summary>
    public LexicalNormalization LexicalNormalization { get; set; } = LexicalNormalization.Attainable;

    /// <summary>Keep the dense winner (the candidate most cosine-similar to the query) first unless another candidate's
    /// terms cover at least <see cref="LexicalOverrideCoverage"/> of the query's idf mass (docs/memory-retrieval.md).</summary>
    public bool ProtectDenseWinner { get; set; } = true;

    /// <summary>Share of the query's attainable idf mass a candidate's terms must cover to rank above the dense winner.</summary>
    public double LexicalOverrideCoverage { get; set; } = 0.7;

    /// <summary>The dense winner is protected only when its cosine leads the dense runner-up's by at least this.</summary>
    public double DenseWinnerMargin { get; set; }

    /// <summary>Weighted fusion scales a candidate's lexical part by (its cosine / the best cosine) to this power, so a
    /// lexical match the embedding finds implausible adds less; 0 (default) turns the gate off.</summary>
    public double LexicalAgreementExponent { get; set; }

    /// <summary>Share of a candidate's hubness above the other candidates' (its cosine to their centroid, or with
    /// <see cref="HubNeighbours"/> its mean cosine to its nearest ones; <see cref="DenseHubness"/>) taken off its cosine
    /// to the query, so a memory close to everything stops winning queries it does not answer; 0 turns it off.
    /// 0.15: chosen on the paraphrase dev set with LoCoMo dev recall@10 kept (docs/memory-retrieval.md); 0 in the tuned
    /// MiniLM's profile (<see cref="FusionProfiles"/>).</summary>
    public double HubPenalty { get; set; } = 0.15;

    /// <summary>0 (default): a candidate's hubness is its cosine to the candidates' centroid; k: its mean cosine to its
    /// k most similar candidates.</summary>
    public int HubNeighbours { get; set; }

    /// <summary>Cosine added to candidates that hold the answer type the question asks for ("When ...?": a date or
    /// time; <see cref="QueryForms.AnswerTypes"/>), and taken from the others, relative to the candidates' share that
    /// hold it; 0 turns the prior off. 0.1: the best paraphrase dev top-1 with LoCoMo dev recall@10 at least 0.695
    /// (docs/memory-retrieval.md); 0 in the tuned MiniLM's profile (<see cref="FusionProfiles"/>).</summary>
    public double AnswerTypeBonus { get; set; } = 0.1;

    /// <summary>Pseudo-relevance feedback (<see cref="PseudoRelevanceFeedback"/>): how many of the first ranking's best
    /// memories are taken as relevant (default 1: the first); 0 or all the feedback weights 0 turn it off.</summary>
    public int FeedbackDocuments { get; set; } = 1;

    /// <summary>Weight of the best expansion term relative to a question term in the BM25 query (RM3-style); 0 (default) off.</summary>
    public double LexicalFeedbackWeight { get; set; }

    /// <summary>How many expansion terms the lexical feedback adds.</summary>
    public int LexicalFeedbackTerms { get; set; } = 10;

    /// <summary>An expansion term must occur in at least this many feedback memories.</summary>
    public int LexicalFeedbackMinDocuments { get; set; } = 1;

    /// <summary>Share of (cosine to the feedback memories' centroid - the candidates' mean of it) added to each cosine; 0 (default) off.</summary>
    public double DenseFeedbackWeight { get; set; }

    /// <summary>Share of a feedback memory's fused score added to the memories that occurred at the same instant (one
    /// conversation turn or write: an episode); 0 off. 0.1 (with <see cref="FeedbackDocuments"/> 1): LoCoMo dev recall@10
    /// 0.704 -> 0.712, paraphrase sets unchanged (the first place never moves; docs/memory-retrieval.md).</summary>
    public double NeighbourFeedbackWeight { get; set; } = 0.1;

    /// <summary>An instant shared by more candidates than this is a bulk write, not an episode: no neighbour feedback
    /// from it (0: no bound).</summary>
    public int NeighbourFeedbackMaxGroup { get; set; } = 16;

    /// <summary>Weight of the BM25 ranking in fusion; 0 turns lexical retrieval off. 0.6 since the dense winner is
    /// protected (0.3 before): lexical evidence then reorders ranks 2-10, where it helped LoCoMo, without deciding
    /// the first place on generic words. 0.2 (dense 0.8) in the tuned MiniLM's profile (<see cref="FusionProfiles"/>).</summary>
    public double LexicalWeight { get; set; } = 0.6;

    /// <summary>Weight of the dense (embedding) ranking in fusion; 0 turns dense retrieval off (no query embedding).</summary>
    public double DenseWeight { get; set; } = 0.4;

    /// <summary>The k of reciprocal rank fusion (larger flattens the rank discount).</summary>
    public int RrfK { get; set; } = 60;

    /// <summary>How many candidates each ranking contributes before fusion.</summary>
    public int CandidatesPerRanker { get; set; } = 50;

    /// <summary>Users with at most this many memories are searched densely in process, over the vectors already held
    /// by their cached index (exact cosine, no round trip to the store); larger users go to the vector store's search
    /// (filters pushed down, approximate on Qdrant). 0: always ask the store.</summary>
    public int InProcessDenseMaxMemories { get; set; } = 20_000;

    /// <summary>Most characters of the query that are embedded (its end, cut at a word): the query's embedding is on
    /// the request's path and a model's cost grows with its length, so a pasted page must not cost what a page costs
    /// to embed. BM25 still sees the whole query. 0: no limit.</summary>
    public int MaxQueryEmbeddingCharacters { get; set; } = 600;

    /// <summary>Most milliseconds a call waits for its query embedding, counted from when the embedding starts; past
    /// it the call goes on with the profile and the lexical (BM25) results, the miss is counted (metrics,
    /// <c>/healthz</c>) and the embedding finishes in the background, filling the cache. 0: no deadline.</summary>
    public int DeadlineMilliseconds { get; set; } = 40;

    /// <summary>Most late query embeddings left running in the background at once; past it a query is not embedded
    /// at all (counted as a miss), so a stuck embedder cannot pile up work.</summary>
    public int MaxLateEmbeddings { get; set; } = 4;

    /// <summary>Under the deadline, admit only as many query embeddings at once as finish in time: a limit that grows
    /// while embeddings finish within the deadline and shrinks by a quarter when one comes late (starting at 4 per
    /// core). A query past the limit is not embedded (a <c>backlog</c> miss: profile and lexical results), so a
    /// saturated machine spends no CPU on embeddings that would all come late. False: only
    /// <see cref="MaxLateEmbeddings"/> bounds them.</summary>
    public bool AdaptiveAdmission { get; set; } = true;

    /// <summary>BM25 maps irregular past forms to their base form before stemming ("went" -> "go", "bought" -> "buy";
    /// <see cref="IrregularForms"/>), so "When did Caroline go ...?" meets "Caroline went ...". The hash embedder's
    /// analysis is not affected. On by default: LoCoMo dev recall@10 0.704 -> 0.708, held-out (8 conversations, never
    /// tuned on) 0.726 -> 0.728, paraphrase sets unchanged (docs/memory-retrieval.md).</summary>
    public bool IrregularVerbForms { get; set; } = true;

    /// <summary>BM25 term-frequency saturation.</summary>
    public double Bm25K1 { get; set; } = 1.2;

    /// <summary>BM25 length normalisation (0 none, 1 full).</summary>
    public double Bm25B { get; set; } = 0.75;

    /// <summary>How much confidence scales a score: 0.05 keeps a 0.5-confidence memory at 97.5%. Small on purpose: the
    /// rerank breaks near-ties and must not overturn a clear relevance winner (0.1 did on the paraphrase dev set).</summary>
    public double ConfidenceWeight { get; set; } = 0.05;

    /// <summary>How much freshness scales a score: 0.05 keeps a very old memory at 95% or more.</summary>
    public double FreshnessWeight { get; set; } = 0.05;

    /// <summary>Age (days since the memory occurred) at which its freshness factor halves.</summary>
    public double FreshnessHalfLifeDays { get; set; } = 365;

    /// <summary>Maximal marginal relevance trade-off: 1 ranks by relevance alone, lower values favour diversity.</summary>
    public double MmrLambda { get; set; } = 0.9;

    /// <summary>Profile memories at least this similar to one already chosen are skipped as duplicates.</summary>
    public double DuplicateSimilarity { get; set; } = 0.92;

    /// <summary>A memory needs at least this confidence (and at least <c>Memory:InjectionConfidenceFloor</c>) to be
    /// part of the always-injected profile.</summary>
    public double ProfileConfidenceFloor { get; set; } = 0.7;

    /// <summary>Tokens added to each memory's text for its formatted line (bullet, age and confidence cue).</summary>
    public int TokensPerMemoryOverhead { get; set; } = 14;

    /// <summary>For prompt injection, a memory sharing no term with the request must be at least this cosine-similar
    /// to it to count as relevant.</summary>
    public double MinPromptDenseSimilarity { get; set; } = 0.3;

    /// <summary>Most relevant (non-profile) memories injected into one prompt, whatever the budget.</summary>
    public int MaxPromptMemories { get; set; } = 20;

    /// <summary>Score boost for memories written in the calling feature's own context (prompt selection).</summary>
    public double SameContextBoost { get; set; } = 0.1;

    /// <summary>Memory the per-user BM25 indexes may take together (estimated); least recently used are evicted.</summary>
    public int IndexCacheMegabytes { get; set; } = 64;

    /// <summary>A cached index is rebuilt after this long even without an invalidation (other instances' writes).</summary>
    public TimeSpan IndexTimeToLive { get; set; } = TimeSpan.FromMinutes(10);
}

namespace Memory.WriteBack;

/// <summary>Settings section <c>Memory:WriteBack</c>: how the outbox is drained, retried, compressed and decayed.</summary>
public sealed class WriteBackOptions
{
    public const string Section = "Memory:WriteBack";

    /// <summary>How often the worker looks for due turns when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A user's turns are written back once their conversation has been quiet this long (no new turn), so
    /// extraction never competes with the requests of a burst and a burst's turns are consolidated together.
    /// 0: at once.</summary>
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>... but no turn waits longer than this for its conversation to pause.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Most turns claimed per pass.</summary>
    public int BatchSize { get; set; } = 16;

    /// <summary>Most turns of a pass written back at once (each of a different user; one user's turns always go one
    /// after another, in order), so one slow turn does not hold back the others.</summary>
    public int MaxConcurrentTurns { get; set; } = 4;

    /// <summary>Attempts before a turn is set aside as poisoned (kept for inspection, never dropped).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Backoff after the first failure; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed turn stays leased before another pass may take it over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>An open turn (its call still answering) older than this is taken as closed without an answer, so a
    /// close that failed, or a call that never ended, cannot hold back the user's write-back.</summary>
    public TimeSpan OpenTurnTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long finished turn ids are remembered so a re-enqueue of the same turn is a no-op.</summary>
    public TimeSpan ProcessedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>True (default): every enqueue is fsynced before it returns (<c>synchronous=FULL</c>), surviving power
    /// loss. False: <c>synchronous=NORMAL</c>, which still survives a process crash and is several times faster.</summary>
    public bool SynchronousFull { get; set; } = true;

    /// <summary>Outbox file name under <c>Storage:Directory</c>.</summary>
    public string FileName { get; set; } = "writeback-outbox.db";

    /// <summary>Current memories compared with each new fact (dense search top-k).</summary>
    public int CandidateCount { get; set; } = 8;

    /// <summary>Cosine similarity from which two memories say the same thing.</summary>
    public double NearDuplicateSimilarity { get; set; } = 0.92;

    /// <summary>Confidence given to facts the user stated plainly.</summary>
    public double StatedConfidence { get; set; } = 0.9;

    /// <summary>Confidence given to hedged ("I think ...") or observed facts.</summary>
    public double InferredConfidence { get; set; } = 0.6;

    /// <summary>Half-life of a memory's confidence in days (0: no decay). Durable slots (name, allergies, family,
    /// languages, origin) decay <see cref="DurableHalfLifeFactor"/> times slower.</summary>
    public double ConfidenceHalfLifeDays { get; set; } = ConfidenceDecay.DefaultHalfLifeDays;

    public double DurableHalfLifeFactor { get; set; } = ConfidenceDecay.DefaultDurableFactor;

    /// <summary>Compression starts when a user's current memories pass this count.</summary>
    public int CompressionMaxMemories { get; set; } = 150;

    /// <summary>... or this many tokens in total.</summary>
    public int CompressionMaxTokens { get; set; } = 6000;

    /// <summary>Compression brings the user down to this share of the thresholds.</summary>
    public double CompressionTargetRatio { get; set; } = 0.8;

    /// <summary>Most memories one compression pass changes (bounded work per pass).</summary>
    public int CompressionMaxChangesPerPass { get; set; } = 24;

    /// <summary>How LLM calls ask for JSON: <c>schema</c> (a JSON schema, strict upstreams) or <c>json</c> (any JSON
    /// object, for upstreams without schema support). The answer is validated against the schema either way.</summary>
    public string LlmResponseFormat { get; set; } = "schema";

    /// <summary>Longest wait for the upstream's response headers per attempt of a write-back LLM call (extraction,
    /// consolidation, compression). These calls have their own HTTP client and circuit breaker per upstream, apart
    /// from app traffic.</summary>
    public TimeSpan LlmTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Most existing memories shown to the consolidation prompt per turn.</summary>
    public int ConsolidationMaxExisting { get; set; } = 40;
}

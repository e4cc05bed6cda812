namespace Memory.Probe;

/// <summary>Figures of one run of the built-in memory self-test (<c>POST /v1/admin/memory/probe</c>).</summary>
public sealed record MemoryProbeReport(
    DateTimeOffset At,
    string Store,
    string Embedder,
    ProbeRetrievalFigures Paraphrase,
    ProbeDedupFigures Dedup,
    ProbeExtractionFigures Extraction,
    ProbeLatencyFigures Search,
    double ElapsedMs);

/// <summary>How often the memory a question paraphrases (no shared content word) came first / in the top 3, among
/// distractors that share the question's generic words.</summary>
public sealed record ProbeRetrievalFigures(int Questions, int Memories, double Top1, double Top3);

/// <summary>De-duplication fidelity over pairs of direct writes: <c>DuplicatesCaught</c> the share of true duplicates
/// answered NOOP; <c>Lossless</c> the share of distinct facts (new value of a slot, or another fact) kept, not merged
/// away as NOOP; <c>Exact</c> the share whose event was exactly the expected one (NOOP, UPDATE or ADD).</summary>
public sealed record ProbeDedupFigures(int Pairs, double DuplicatesCaught, double Lossless, double Exact);

/// <summary>The built-in (heuristic) extractor over statements and turns that must store nothing.</summary>
public sealed record ProbeExtractionFigures(string Mode, int Turns, int Facts, double Precision, double Recall);

/// <summary>Search latency over the probe's questions, in process (no HTTP).</summary>
public sealed record ProbeLatencyFigures(int Samples, double P50Ms, double P95Ms);

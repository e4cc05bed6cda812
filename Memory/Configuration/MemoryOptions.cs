namespace Memory.Configuration;

/// <summary>Settings section <c>Memory</c>. Nested adapter settings live in their own classes.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Memory";

    /// <summary><c>sqlite</c> (embedded default) or <c>qdrant</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary><c>minilm</c> (default), <c>arctic</c>, <c>hash</c>, <c>onnx</c> or <c>openai</c>.</summary>
    public string Embedder { get; set; } = "minilm";

    /// <summary>Most tokens the injected memory block may take.</summary>
    public int TokenBudget { get; set; } = 600;

    /// <summary>Share of <see cref="TokenBudget"/> reserved for the always-injected profile.</summary>
    public double ProfileBudgetShare { get; set; } = 0.35;

    /// <summary>Memories below this confidence are never injected.</summary>
    public double InjectionConfidenceFloor { get; set; } = 0.2;

    public ExtractionOptions Extraction { get; set; } = new();

    /// <summary>Run the built-in memory self-test once the gateway has started, and log its figures.</summary>
    public bool ProbeOnStartup { get; set; }

    /// <summary>False (default): a deleted memory leaves no content behind. Its history keeps what happened and when,
    /// but every snapshot of it loses its text, sources and metadata, and its cached vectors go. True keeps the text in
    /// history (for deployers who must keep a forensic record).</summary>
    public bool KeepDeletedText { get; set; }
}

/// <summary>Settings section <c>Memory:Extraction</c>.</summary>
public sealed class ExtractionOptions
{
    /// <summary><c>llm</c> (default), <c>heuristic</c> or <c>off</c>.</summary>
    public string Mode { get; set; } = "llm";

    /// <summary>Model for extraction and consolidation calls; empty: the chat request's model.</summary>
    public string? Model { get; set; }

    /// <summary>True (default): a fact the model extracted is kept only when the user's words support it (its numbers,
    /// names and a content word said, no negation invented or lost); see <c>FactGrounding</c>.</summary>
    public bool Grounding { get; set; } = true;
}

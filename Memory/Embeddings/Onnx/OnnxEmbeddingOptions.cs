namespace Memory.Embeddings.Onnx;

/// <summary>Settings of a local sentence-transformers model run with ONNX Runtime: section <c>Memory:Onnx</c> for the
/// deployer's own model (<c>Memory__Embedder=onnx</c>), <c>Memory:MiniLm</c> for the tuning of the shipped
/// all-MiniLM-L6-v2 (<c>Memory__Embedder=minilm</c>) and <c>Memory:Arctic</c> for the shipped
/// snowflake-arctic-embed-xs (<c>Memory__Embedder=arctic</c>); the shipped models ignore the path, id, pooling, casing
/// and output keys.</summary>
public sealed class OnnxEmbeddingOptions
{
    /// <summary>Configuration section of the <c>onnx</c> embedder.</summary>
    public const string OnnxSection = "Memory:Onnx";

    /// <summary>Configuration section of the <c>minilm</c> embedder.</summary>
    public const string MiniLmSection = "Memory:MiniLm";

    /// <summary>Configuration section of the <c>arctic</c> embedder (snowflake-arctic-embed-xs).</summary>
    public const string ArcticSection = "Memory:Arctic";

    /// <summary>The ONNX model file; relative paths are resolved against the current directory.</summary>
    public string? ModelPath { get; set; }

    /// <summary>The WordPiece vocabulary (<c>vocab.txt</c>, one token a line) the model was trained with.</summary>
    public string? VocabPath { get; set; }

    /// <summary>Id recorded with every vector; empty: <c>onnx-</c> and the start of the model file's SHA-256, so a
    /// different model file never shares cached vectors with this one.</summary>
    public string? ModelId { get; set; }

    /// <summary>Most tokens per text, <c>[CLS]</c> and <c>[SEP]</c> included; longer texts are truncated. At most the
    /// model's own limit (512 for BERT-style models).</summary>
    public int MaxTokens { get; set; } = 256;

    /// <summary>How token vectors are pooled into the sentence vector.</summary>
    public OnnxPooling Pooling { get; set; } = OnnxPooling.Mean;

    /// <summary>L2-normalise the sentence vector (cosine similarity becomes a dot product).</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>Uncased model: lower-case and strip accents before WordPiece, as uncased BERT does.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>The model output holding token vectors [batch, tokens, dimensions]; empty: <c>last_hidden_state</c>,
    /// else <c>token_embeddings</c>.</summary>
    public string? OutputName { get; set; }

    /// <summary>Shipped models only: run the published fp32 graph or the int8 variant made at build.</summary>
    public OnnxPrecision Precision { get; set; } = OnnxPrecision.Fp32;

    /// <summary>MiniLM only: <see cref="OnnxTuning.Memory"/> (default) runs the model with the memory-search adapter merged
    /// in, <see cref="OnnxTuning.None"/> the published weights. Changing it re-embeds the memories in the background like
    /// any model change.</summary>
    public OnnxTuning Tuning { get; set; } = OnnxTuning.Memory;

    /// <summary>Shipped models only: the build that embeds search queries (the request path); stored texts stay at
    /// <see cref="Precision"/>, and so does the id recorded with their vectors. Null: <see cref="OnnxPrecision.Int8"/>
    /// for MiniLM (its int8 query graph, <c>model.int8q.onnx</c>, which kept fp32's LoCoMo recall and paraphrase top-1
    /// at well under half the query's cost), the same as <see cref="Precision"/> for arctic. An int8 query against
    /// fp32 memories keeps the memories' vectors exact and takes the int8 graph's speed where a caller waits for it
    /// (docs/embedders.md has the measured quality); <c>Fp32</c> embeds MiniLM's queries with the fp32 graph.</summary>
    public OnnxPrecision? QueryPrecision { get; set; }

    /// <summary>ONNX Runtime intra-op threads for one batch; 0: one per processor. Default 1: at batch 1 (a query) one
    /// thread was as fast as two or faster on the 2-core target (docs/embedders.md), and leaves the other core to the
    /// rest of the request.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Most texts embedded in one model run.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>When texts of several calls are waiting (a burst), how long the oldest may wait for more company
    /// before its batch runs; a lone call never waits. 0: run at once with whatever has queued (texts that arrive
    /// during a run still form the next batch).</summary>
    public double BatchWindowMilliseconds { get; set; } = 1;
}

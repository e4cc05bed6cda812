namespace Memory.Embeddings.Onnx;

/// <summary>Which weights of the shipped all-MiniLM-L6-v2 run (<c>Memory:MiniLm:Tuning</c>).</summary>
public enum OnnxTuning
{
    /// <summary>The published weights with the project's memory-search adapter merged in at build
    /// (<c>models/all-MiniLM-L6-v2-memory/</c>; trained offline on question/memory pairs, docs/embedders.md): questions
    /// find the memory that answers them when the two share no word. Its vectors carry their own model id.</summary>
    Memory,

    /// <summary>The published weights, as sentence-transformers ships them (<c>models/all-MiniLM-L6-v2/</c>).</summary>
    None,
}

namespace Memory.Embeddings.Onnx;

/// <summary>The sentence-embedding models the build ships (Memory/build/*.targets).</summary>
internal enum ShippedModel
{
    /// <summary>all-MiniLM-L6-v2: mean pooling, symmetric.</summary>
    MiniLm,

    /// <summary>snowflake-arctic-embed-xs: CLS pooling, queries carry an instruction prefix.</summary>
    Arctic,
}

namespace Memory.Embeddings.Onnx;

/// <summary>How token vectors become one sentence vector.</summary>
public enum OnnxPooling
{
    /// <summary>Average of the token vectors under the attention mask (sentence-transformers' default).</summary>
    Mean,

    /// <summary>The vector of the first token, <c>[CLS]</c> (BGE-style models).</summary>
    Cls,
}

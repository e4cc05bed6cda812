namespace Memory.Embeddings.Onnx;

/// <summary>Which build of a shipped model runs: the published fp32 graph, or the int8 variant the build makes from it
/// (constant-weight MatMuls as DynamicQuantizeMatMul with int8 weights per output column).</summary>
public enum OnnxPrecision
{
    /// <summary>The published fp32 model (<c>model.onnx</c>).</summary>
    Fp32,

    /// <summary>The int8 variant (<c>model.int8.onnx</c>); its vectors carry the model id with <c>-int8</c>.</summary>
    Int8,
}

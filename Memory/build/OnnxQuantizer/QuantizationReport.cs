namespace OnnxQuantizer;

/// <summary>What a quantization pass did: MatMuls rewritten, bytes of their weights before and after, the MatMuls left
/// in fp32 (labels), how many read a smoothed input and how many took their bias Add in.</summary>
internal sealed record QuantizationReport(int Rewritten, long WeightsBefore, long WeightsAfter)
{
    public IReadOnlyList<string> KeptFp32 { get; init; } = [];

    public int Smoothed { get; init; }

    /// <summary>Bias Adds folded into the quantized MatMuls.</summary>
    public int BiasesFolded { get; init; }

    /// <summary>Self-attention blocks replaced by one MultiHeadAttention node each.</summary>
    public int AttentionFused { get; init; }
}

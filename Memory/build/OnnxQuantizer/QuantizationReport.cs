namespace OnnxQuantizer;

/// <summary>What a quantization pass did: MatMuls rewritten, bytes of their weights before and after, the MatMuls left
/// in fp32 (labels) and how many read a smoothed input.</summary>
internal sealed record QuantizationReport(int Rewritten, long WeightsBefore, long WeightsAfter)
{
    public IReadOnlyList<string> KeptFp32 { get; init; } = [];

    public int Smoothed { get; init; }
}

namespace OnnxQuantizer;

/// <summary>What a quantization pass did: MatMuls rewritten, bytes of their weights before and after.</summary>
internal sealed record QuantizationReport(int Rewritten, long WeightsBefore, long WeightsAfter);

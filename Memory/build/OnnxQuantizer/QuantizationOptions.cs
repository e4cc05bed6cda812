namespace OnnxQuantizer;

/// <summary>What to quantize and how: the MatMuls to leave in fp32 (by <see cref="MatMulRole"/> label pattern) and the
/// activation statistics for smoothing (SmoothQuant: per input channel k, activations are divided by
/// s_k = max|X_k|^alpha / max|W_k|^(1-alpha) and weight rows multiplied by it, so outlier channels no longer set the
/// per-tensor activation range that ONNX Runtime picks at run time).</summary>
internal sealed class QuantizationOptions
{
    /// <summary>Label patterns (<c>L0.ffn2</c>, <c>*.ffn2</c>, <c>L5.*</c>) of MatMuls left in fp32.</summary>
    public IReadOnlyList<string> KeepFp32 { get; init; } = [];

    /// <summary>Per-channel max |activation| of each MatMul input, by tensor name; null: no smoothing.</summary>
    public IReadOnlyDictionary<string, float[]>? ActivationMax { get; init; }

    /// <summary>SmoothQuant's migration strength.</summary>
    public float Alpha { get; init; } = 0.5f;

    /// <summary>Roles (<c>q</c>, <c>k</c>, <c>v</c>, <c>o</c>, <c>ffn1</c>, <c>ffn2</c>) whose inputs are smoothed; empty: all.</summary>
    public IReadOnlyList<string> SmoothRoles { get; init; } = [];

    /// <summary>Replace each self-attention block with one MultiHeadAttention node (<see cref="AttentionFuser"/>).</summary>
    public bool FuseAttention { get; init; }

    public static QuantizationOptions Default { get; } = new();

    public bool Keeps(MatMulRole role) => KeepFp32.Any(pattern => role.Matches(pattern));

    public bool Smooths(MatMulRole role) => ActivationMax is not null && (SmoothRoles.Count == 0 || SmoothRoles.Contains(role.Role));
}

namespace OnnxQuantizer;

/// <summary>Where a constant-weight MatMul sits in a BERT-style encoder: its layer and its role (<c>q</c>, <c>k</c>,
/// <c>v</c> read the same input; <c>o</c> is the other square projection; <c>ffn1</c> widens, <c>ffn2</c> narrows and
/// ends a layer). Label: <c>L{layer}.{role}</c>.</summary>
internal sealed record MatMulRole(int Layer, string Role)
{
    public string Label => $"L{Layer}.{Role}";

    /// <summary>True when <paramref name="pattern"/> names this MatMul: <c>L2.ffn2</c>, <c>*.ffn2</c>, <c>L2.*</c>,
    /// <c>L2.qkv</c> (q, k and v), <c>*</c>.</summary>
    public bool Matches(string pattern)
    {
        var parts = pattern.Split('.', 2);
        var layer = parts[0];
        var role = parts.Length > 1 ? parts[1] : "*";
        return (layer == "*" || string.Equals(layer, $"L{Layer}", StringComparison.OrdinalIgnoreCase)) &&
            (role == "*" || string.Equals(role, Role, StringComparison.OrdinalIgnoreCase) ||
             (string.Equals(role, "qkv", StringComparison.OrdinalIgnoreCase) && Role is "q" or "k" or "v"));
    }
}

namespace Memory.Tests.Stores.Qdrant;

/// <summary>Deterministic, L2-normalised test vectors.</summary>
internal static class TestVectors
{
    public const int Dimensions = 16;

    public static float[] Random(int seed)
    {
        var random = new Random(seed);
        var v = new float[Dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return Normalise(v);
    }

    /// <summary>Normalised <c>w*a + (1-w)*b</c>.</summary>
    public static float[] Blend(float[] a, float[] b, double w) =>
        Normalise([.. a.Select((x, i) => (float)(w * x + (1 - w) * b[i]))]);

    private static float[] Normalise(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return [.. v.Select(x => (float)(x / norm))];
    }
}

namespace Memory.Tests.Support;

/// <summary>Deterministic L2-normalised vectors for tests.</summary>
internal static class TestVectors
{
    public static float[] Random(int seed, int dimensions = 16)
    {
        var random = new Random(seed);
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() * 2 - 1);
        }

        return Normalise(v);
    }

    public static float[] Normalise(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm == 0 ? v : v.Select(x => (float)(x / norm)).ToArray();
    }
}

using System.Numerics.Tensors;

namespace Memory.Retrieval;

/// <summary>How much of a "hub" each of a query's candidates is. A sentence model puts some statements close to many
/// others (generic wording: "I dislike crowded places" near every like and dislike), and such a statement wins queries
/// it does not answer. A candidate's hubness is its cosine to the candidates' centroid (or, with k neighbours, its mean
/// cosine to its k most similar candidates, the memory side of CSLS, Lample et al. 2018); the retriever takes a share
/// of its excess over the candidates' mean off its cosine to the query. Only the excess is taken, so the average score
/// stays where it was and fusion weights and cosine thresholds keep their meaning. Linear in the candidates with the
/// centroid (about 60 vectors), quadratic with neighbours.</summary>
internal sealed class DenseHubness
{
    private readonly double[] _excess;

    private DenseHubness(double[] excess) => _excess = excess;

    /// <summary>The hubness above the mean of the vector at <paramref name="position"/>; 0 when it has none.</summary>
    public double Excess(int position) => position >= 0 && position < _excess.Length ? _excess[position] : 0;

    /// <summary>Hubness of <paramref name="vectors"/> (null entries: no vector of the query's model) by the centroid
    /// (<paramref name="neighbours"/> 0) or by the <paramref name="neighbours"/> most similar; null when there are too
    /// few vectors to tell a hub (two, or no more than the neighbours).</summary>
    public static DenseHubness? Compute(IReadOnlyList<float[]?> vectors, int neighbours)
    {
        var dimensions = vectors.FirstOrDefault(v => v is { Length: > 0 })?.Length ?? 0;
        var present = Enumerable.Range(0, vectors.Count).Where(i => vectors[i] is { } v && v.Length == dimensions && dimensions > 0).ToArray();
        if (present.Length <= Math.Max(2, neighbours))
        {
            return null;
        }

        var inverseNorms = new float[vectors.Count];
        foreach (var i in present)
        {
            inverseNorms[i] = IndexedMemory.InverseNormOf(vectors[i]);
        }

        var hub = neighbours == 0 ? ByCentroid(vectors, inverseNorms, present, dimensions) : ByNeighbours(Units(vectors, inverseNorms, present, dimensions), present, neighbours);
        var mean = present.Average(i => hub[i]);
        var excess = new double[vectors.Count];
        foreach (var i in present)
        {
            excess[i] = hub[i] - mean;
        }

        return new DenseHubness(excess);
    }

    /// <summary>Each vector's cosine to the sum of the unit vectors, without making the unit vectors: the sum is
    /// accumulated with each vector scaled by its inverse length, and a cosine is one dot product.</summary>
    private static double[] ByCentroid(IReadOnlyList<float[]?> vectors, float[] inverseNorms, int[] present, int dimensions)
    {
        var centroid = new float[dimensions];
        foreach (var i in present)
        {
            TensorPrimitives.MultiplyAdd(vectors[i]!, inverseNorms[i], centroid, centroid);
        }

        var centroidInverse = IndexedMemory.InverseNormOf(centroid);
        var hub = new double[vectors.Count];
        foreach (var i in present)
        {
            var cosine = TensorPrimitives.Dot(vectors[i]!, centroid) * inverseNorms[i] * centroidInverse;
            hub[i] = float.IsFinite(cosine) ? cosine : 0;
        }

        return hub;
    }

    private static float[][] Units(IReadOnlyList<float[]?> vectors, float[] inverseNorms, int[] present, int dimensions)
    {
        var unit = new float[vectors.Count][];
        foreach (var i in present)
        {
            unit[i] = new float[dimensions];
            TensorPrimitives.Multiply(vectors[i]!, inverseNorms[i], unit[i]);
        }

        return unit;
    }

    private static double[] ByNeighbours(float[][] unit, int[] present, int neighbours)
    {
        var hub = new double[unit.Length];
        var nearest = new double[neighbours];
        foreach (var i in present)
        {
            Array.Fill(nearest, double.NegativeInfinity);
            var smallest = 0;
            foreach (var j in present)
            {
                var cosine = j == i ? double.NegativeInfinity : TensorPrimitives.Dot(unit[i], unit[j]);
                if (cosine > nearest[smallest])
                {
                    nearest[smallest] = cosine;
                    for (var k = 0; k < neighbours; k++)
                    {
                        smallest = nearest[k] < nearest[smallest] ? k : smallest;
                    }
                }
            }

            hub[i] = nearest.Average();
        }

        return hub;
    }
}

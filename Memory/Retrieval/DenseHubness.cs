using System.Numerics.Tensors;

namespace Memory.Retrieval;

/// <summary>How much of a "hub" each of a user's memories is: the mean cosine to its <c>k</c> most similar other
/// memories of the same model. A sentence model puts some statements close to many others (generic wording, a shared
/// topic word); those win queries they do not answer. Scoring a query against a memory by its cosine minus a share of
/// the memory's hubness above the user's average (the memory side of CSLS, Lample et al. 2018) takes that pull out
/// without moving the average score, so fusion weights and cosine thresholds keep their meaning. Computed once per
/// cached index from the vectors it already holds, no query needed.</summary>
internal sealed class DenseHubness
{
    private readonly double[] _excess;

    private DenseHubness(double[] excess) => _excess = excess;

    /// <summary>The hubness above the user's mean of the memory at <paramref name="position"/>; 0 when it has no vector
    /// of the model.</summary>
    public double Excess(int position) => position >= 0 && position < _excess.Length ? _excess[position] : 0;

    /// <summary>Hubness of <paramref name="vectors"/> (null: no vector of the model); null when fewer than
    /// <paramref name="neighbours"/> + 1 memories have one (too few to tell a hub).</summary>
    public static DenseHubness? Compute(IReadOnlyList<float[]?> vectors, int neighbours)
    {
        var present = Enumerable.Range(0, vectors.Count).Where(i => vectors[i] is { Length: > 0 }).ToArray();
        if (neighbours <= 0 || present.Length <= neighbours)
        {
            return null;
        }

        var norms = new double[vectors.Count];
        foreach (var i in present)
        {
            norms[i] = TensorPrimitives.Norm(vectors[i]!);
        }

        var hub = new double[vectors.Count];
        var nearest = new double[neighbours];
        foreach (var i in present)
        {
            Array.Fill(nearest, double.NegativeInfinity);
            var a = vectors[i]!;
            foreach (var j in present)
            {
                if (j == i || vectors[j]!.Length != a.Length)
                {
                    continue;
                }

                var cosine = norms[i] > 0 && norms[j] > 0 ? TensorPrimitives.Dot(a, vectors[j]!) / (norms[i] * norms[j]) : 0;
                var smallest = 0;
                for (var k = 1; k < neighbours; k++)
                {
                    smallest = nearest[k] < nearest[smallest] ? k : smallest;
                }

                if (cosine > nearest[smallest])
                {
                    nearest[smallest] = cosine;
                }
            }

            hub[i] = nearest.Where(double.IsFinite).DefaultIfEmpty(0).Average();
        }

        var mean = present.Average(i => hub[i]);
        var excess = new double[vectors.Count];
        foreach (var i in present)
        {
            excess[i] = hub[i] - mean;
        }

        return new DenseHubness(excess);
    }
}

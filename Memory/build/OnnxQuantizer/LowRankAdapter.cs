using System.Buffers.Binary;
using System.Text;
using Onnx;

namespace OnnxQuantizer;

/// <summary>Low-rank updates of a model's weight MatMuls, one per <see cref="MatMulRole"/> label: W[K, N] becomes
/// W + Scale · A[K, r] · B[r, N]. Written by the offline tuner (Memory/build/tools/MemoryTuner) and merged into the
/// fp32 graph at build, before quantization, so every variant of a tuned model (fp32, int8, int8 query graph) carries
/// the same weights.
/// File: the 8 bytes <c>MLORA1\0\0</c>, an int32 count, then per update its label (int32 byte length, UTF-8), K, N and
/// r (int32), Scale (float32), A row-major then B row-major as IEEE half floats; little-endian throughout.</summary>
internal sealed record LowRankAdapter(string Label, int K, int N, int Rank, float Scale, float[] A, float[] B)
{
    private static readonly byte[] Magic = "MLORA1\0\0"u8.ToArray();

    public static List<LowRankAdapter> ReadAll(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path} is not a low-rank adapter file.");
        }

        var count = reader.ReadInt32();
        var result = new List<LowRankAdapter>(count);
        for (var i = 0; i < count; i++)
        {
            var label = Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()));
            int k = reader.ReadInt32(), n = reader.ReadInt32(), rank = reader.ReadInt32();
            var scale = reader.ReadSingle();
            result.Add(new LowRankAdapter(label, k, n, rank, scale, ReadHalves(reader, k * rank), ReadHalves(reader, rank * n)));
        }

        return result;
    }

    public static void WriteAll(string path, IReadOnlyList<LowRankAdapter> adapters)
    {
        var temporary = path + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(adapters.Count);
            foreach (var adapter in adapters)
            {
                var label = Encoding.UTF8.GetBytes(adapter.Label);
                writer.Write(label.Length);
                writer.Write(label);
                writer.Write(adapter.K);
                writer.Write(adapter.N);
                writer.Write(adapter.Rank);
                writer.Write(adapter.Scale);
                WriteHalves(writer, adapter.A);
                WriteHalves(writer, adapter.B);
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Adds each adapter's update to the weights of the MatMul with its label; every label must name one.</summary>
    public static int MergeInto(GraphProto graph, IReadOnlyList<LowRankAdapter> adapters)
    {
        var initializers = MatMulQuantizer.Initializers(graph);
        var byLabel = MatMulQuantizer.Candidates(graph, initializers).ToDictionary(c => c.Role.Label, StringComparer.Ordinal);
        foreach (var adapter in adapters)
        {
            if (!byLabel.TryGetValue(adapter.Label, out var candidate))
            {
                throw new InvalidDataException($"The model has no MatMul {adapter.Label}.");
            }

            var weights = candidate.Weights;
            if (weights.Dims[0] != adapter.K || weights.Dims[1] != adapter.N)
            {
                throw new InvalidDataException($"{adapter.Label} is [{weights.Dims[0]}, {weights.Dims[1]}], the adapter [{adapter.K}, {adapter.N}].");
            }

            var values = MatMulQuantizer.FloatValues(weights);
            adapter.AddTo(values);
            weights.FloatData.Clear();
            weights.RawData = MatMulQuantizer.FloatBytes(values);
        }

        return adapters.Count;
    }

    /// <summary>W += Scale · A · B for row-major W[K, N].</summary>
    public void AddTo(float[] weights)
    {
        for (var k = 0; k < K; k++)
        {
            for (var j = 0; j < Rank; j++)
            {
                var a = Scale * A[k * Rank + j];
                if (a == 0)
                {
                    continue;
                }

                var row = k * N;
                var brow = j * N;
                for (var n = 0; n < N; n++)
                {
                    weights[row + n] += a * B[brow + n];
                }
            }
        }
    }

    private static float[] ReadHalves(BinaryReader reader, int count)
    {
        var bytes = reader.ReadBytes(count * 2);
        if (bytes.Length != count * 2)
        {
            throw new EndOfStreamException("The adapter file is truncated.");
        }

        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes.AsSpan(i * 2));
        }

        return values;
    }

    private static void WriteHalves(BinaryWriter writer, float[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteHalfLittleEndian(bytes.AsSpan(i * 2), (Half)values[i]);
        }

        writer.Write(bytes);
    }
}

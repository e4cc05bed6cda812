using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;

namespace OnnxQuantizer;

/// <summary>Rewrites every MatMul whose second input is a constant 2-D fp32 matrix [K, N] into
/// <c>com.microsoft</c> <c>DynamicQuantizeMatMul</c>: the weights become int8 with one symmetric scale per output
/// column (scale_n = max_k |W[k, n]| / 127, no zero point), and ONNX Runtime quantizes the activations per run. What
/// ONNX Runtime's own dynamic quantization does for a transformer's linear layers, with per-column scales.</summary>
internal static class MatMulQuantizer
{
    public const string MicrosoftDomain = "com.microsoft";
    private const string OperatorName = "DynamicQuantizeMatMul";

    public static QuantizationReport QuantizeFile(string input, string output)
    {
        ModelProto model;
        using (var stream = File.OpenRead(input))
        {
            model = ModelProto.Parser.ParseFrom(stream);
        }

        var report = Quantize(model);
        if (report.Rewritten == 0)
        {
            throw new InvalidDataException($"{input} has no MatMul with constant fp32 weights to quantize.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Written under a temporary name and moved into place: an interrupted build never leaves a truncated model.
        var temporary = output + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            model.WriteTo(stream);
        }

        File.Move(temporary, output, overwrite: true);
        return report;
    }

    /// <summary>Quantizes <paramref name="model"/> in place.</summary>
    public static QuantizationReport Quantize(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph ?? throw new InvalidDataException("The model has no graph.");
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
        {
            initializers[tensor.Name] = tensor;
        }

        var graphInputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var quantized = new Dictionary<string, (string Weights, string Scales)>(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        long before = 0, after = 0;
        var rewritten = 0;
        for (var n = 0; n < graph.Node.Count; n++)
        {
            var node = graph.Node[n];
            if (node.OpType != "MatMul" || node.Domain is not ("" or "ai.onnx") || node.Input.Count != 2 ||
                !initializers.TryGetValue(node.Input[1], out var weights) || graphInputs.Contains(node.Input[1]) ||
                weights.DataType != (int)TensorProto.Types.DataType.Float || weights.Dims.Count != 2 ||
                weights.DataLocation == TensorProto.Types.DataLocation.External)
            {
                continue;
            }

            if (!quantized.TryGetValue(weights.Name, out var names))
            {
                var (int8, scales) = QuantizePerColumn(weights);
                graph.Initializer.Add(int8);
                graph.Initializer.Add(scales);
                names = (int8.Name, scales.Name);
                quantized[weights.Name] = names;
                replaced.Add(weights.Name);
                before += weights.Dims[0] * weights.Dims[1] * sizeof(float);
                after += int8.RawData.Length + scales.RawData.Length;
            }

            var rewrite = new NodeProto
            {
                Name = string.IsNullOrEmpty(node.Name) ? $"{OperatorName}_{n}" : node.Name,
                OpType = OperatorName,
                Domain = MicrosoftDomain,
                DocString = node.DocString,
            };
            rewrite.Input.Add(node.Input[0]);
            rewrite.Input.Add(names.Weights);
            rewrite.Input.Add(names.Scales);
            rewrite.Output.Add(node.Output);
            graph.Node[n] = rewrite;
            rewritten++;
        }

        // The fp32 matrices go unless something else still reads them.
        var stillUsed = graph.Node.SelectMany(node => node.Input).Where(replaced.Contains).ToHashSet(StringComparer.Ordinal);
        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (replaced.Contains(graph.Initializer[i].Name) && !stillUsed.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }

        if (rewritten > 0 && !model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return new QuantizationReport(rewritten, before, after);
    }

    /// <summary>int8 weights [K, N] and fp32 scales [N] with W[k, n] ≈ scale[n] · q[k, n], q in [-127, 127].</summary>
    internal static (TensorProto Weights, TensorProto Scales) QuantizePerColumn(TensorProto weights)
    {
        var rows = checked((int)weights.Dims[0]);
        var columns = checked((int)weights.Dims[1]);
        var values = ReadFloats(weights, rows * columns);
        var scales = new float[columns];
        for (var k = 0; k < rows; k++)
        {
            for (var c = 0; c < columns; c++)
            {
                scales[c] = Math.Max(scales[c], Math.Abs(values[(k * columns) + c]));
            }
        }

        for (var c = 0; c < columns; c++)
        {
            scales[c] = scales[c] > 0 ? scales[c] / 127f : 1f;
        }

        var q = new byte[rows * columns];
        for (var k = 0; k < rows; k++)
        {
            for (var c = 0; c < columns; c++)
            {
                var v = MathF.Round(values[(k * columns) + c] / scales[c], MidpointRounding.ToEven);
                q[(k * columns) + c] = unchecked((byte)(sbyte)Math.Clamp(v, -127f, 127f));
            }
        }

        var scaleBytes = new byte[columns * sizeof(float)];
        for (var c = 0; c < columns; c++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * sizeof(float)), scales[c]);
        }

        var int8 = new TensorProto { Name = weights.Name + "_int8", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(q) };
        int8.Dims.Add(rows);
        int8.Dims.Add(columns);
        var scale = new TensorProto { Name = weights.Name + "_scale", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(scaleBytes) };
        scale.Dims.Add(columns);
        return (int8, scale);
    }

    private static float[] ReadFloats(TensorProto tensor, int count)
    {
        if (!tensor.RawData.IsEmpty)
        {
            var raw = tensor.RawData.Span;
            if (raw.Length != count * sizeof(float))
            {
                throw new InvalidDataException($"Initializer {tensor.Name} holds {raw.Length} bytes, not {count} floats.");
            }

            var values = new float[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float)));
            }

            return values;
        }

        if (tensor.FloatData.Count != count)
        {
            throw new InvalidDataException($"Initializer {tensor.Name} holds {tensor.FloatData.Count} floats, not {count}.");
        }

        return [.. tensor.FloatData];
    }
}

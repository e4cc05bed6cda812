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

    public static QuantizationReport QuantizeFile(string input, string output, QuantizationOptions? options = null)
    {
        var model = Read(input);
        var report = Quantize(model, options ?? QuantizationOptions.Default);
        if (report.Rewritten == 0)
        {
            throw new InvalidDataException($"{input} has no MatMul with constant fp32 weights to quantize.");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(output));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        Write(model, output);
        return report;
    }

    internal static ModelProto Read(string path)
    {
        using var stream = File.OpenRead(path);
        return ModelProto.Parser.ParseFrom(stream);
    }

    internal static void Write(ModelProto model, string output)
    {
        // Written under a temporary name and moved into place: an interrupted build never leaves a truncated model.
        var temporary = output + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            model.WriteTo(stream);
        }

        File.Move(temporary, output, overwrite: true);
    }

    /// <summary>Quantizes <paramref name="model"/> in place.</summary>
    public static QuantizationReport Quantize(ModelProto model) => Quantize(model, QuantizationOptions.Default);

    /// <summary>Quantizes <paramref name="model"/> in place: every constant-weight MatMul but those
    /// <paramref name="options"/> keeps in fp32, their inputs smoothed first when it holds activation statistics.</summary>
    public static QuantizationReport Quantize(ModelProto model, QuantizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var graph = model.Graph ?? throw new InvalidDataException("The model has no graph.");
        var initializers = Initializers(graph);
        var candidates = Candidates(graph, initializers);
        var quantized = new Dictionary<string, (string Weights, string Scales)>(StringComparer.Ordinal);
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        long before = 0, after = 0;
        var rewritten = 0;
        var folded = 0;
        var kept = new List<string>();
        var chosen = candidates.Where(c => !options.Keeps(c.Role)).ToList();
        kept.AddRange(candidates.Where(c => options.Keeps(c.Role)).Select(c => c.Role.Label));
        var smoothed = Smooth(graph, chosen.Where(c => options.Smooths(c.Role)).ToList(), options, initializers);
        foreach (var candidate in chosen)
        {
            var node = candidate.Node;
            var key = smoothed.TryGetValue(candidate.Node, out var scaledWeights) ? node.Name + "_smoothed" : candidate.Weights.Name;
            if (!quantized.TryGetValue(key, out var names))
            {
                var (int8, scales) = QuantizePerColumn(candidate.Weights, scaledWeights);
                if (scaledWeights is not null)
                {
                    int8.Name = key + "_int8";
                    scales.Name = key + "_scale";
                }

                graph.Initializer.Add(int8);
                graph.Initializer.Add(scales);
                names = (int8.Name, scales.Name);
                quantized[key] = names;
                replaced.Add(candidate.Weights.Name);
                before += candidate.Weights.Dims[0] * candidate.Weights.Dims[1] * sizeof(float);
                after += int8.RawData.Length + scales.RawData.Length;
            }

            var rewrite = new NodeProto
            {
                Name = node.Name,
                OpType = OperatorName,
                Domain = MicrosoftDomain,
                DocString = node.DocString,
            };
            rewrite.Input.Add(node.Input[0]);
            rewrite.Input.Add(names.Weights);
            rewrite.Input.Add(names.Scales);
            rewrite.Output.Add(node.Output);
            graph.Node[graph.Node.IndexOf(node)] = rewrite;
            rewritten++;
            if (FoldBias(graph, rewrite, candidate.Weights.Dims[1], initializers))
            {
                folded++;
            }
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

        var attention = options.FuseAttention ? AttentionFuser.Fuse(graph) : 0;
        if ((rewritten > 0 || attention > 0) && !model.OpsetImport.Any(o => o.Domain == MicrosoftDomain))
        {
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        }

        return new QuantizationReport(rewritten, before, after) { KeptFp32 = kept, Smoothed = smoothed.Count, BiasesFolded = folded, AttentionFused = attention };
    }

    /// <summary>Folds the bias <c>Add</c> that is the only reader of <paramref name="rewrite"/>'s output (its other input a
    /// constant fp32 vector [N]) into the operator's optional bias input, which ONNX Runtime adds in fp32 after
    /// dequantizing: the same arithmetic, one elementwise node (and one pass over the activations) less per MatMul.
    /// The Add's output becomes the operator's. False when there is no such Add.</summary>
    internal static bool FoldBias(GraphProto graph, NodeProto rewrite, long columns, Dictionary<string, TensorProto> initializers)
    {
        var output = rewrite.Output[0];
        if (graph.Output.Any(o => o.Name == output))
        {
            return false;
        }

        var readers = graph.Node.Where(n => n.Input.Contains(output)).ToList();
        if (readers.Count != 1 || readers[0] is not { OpType: "Add", Domain: "" or "ai.onnx" } add || add.Input.Count != 2)
        {
            return false;
        }

        var biasName = add.Input[0] == output ? add.Input[1] : add.Input[0];
        if (add.Input[0] == add.Input[1] || !initializers.TryGetValue(biasName, out var bias) || graph.Input.Any(i => i.Name == biasName) ||
            bias.DataType != (int)TensorProto.Types.DataType.Float || bias.Dims.Count != 1 || bias.Dims[0] != columns ||
            bias.DataLocation == TensorProto.Types.DataLocation.External)
        {
            return false;
        }

        rewrite.Input.Add(string.Empty); // b_zero_point: none (symmetric)
        rewrite.Input.Add(biasName);
        rewrite.Output[0] = add.Output[0];
        graph.Node.Remove(add);
        return true;
    }

    /// <summary>The constant-weight MatMuls of the graph in node order, each with its layer and role.</summary>
    internal static List<MatMulCandidate> Candidates(GraphProto graph, Dictionary<string, TensorProto> initializers)
    {
        var graphInputs = graph.Input.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var found = new List<(NodeProto Node, TensorProto Weights)>();
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

            if (string.IsNullOrEmpty(node.Name))
            {
                node.Name = $"{OperatorName}_{n}";
            }

            found.Add((node, weights));
        }

        var readers = found.GroupBy(f => f.Node.Input[0], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(f => f.Node).ToList(), StringComparer.Ordinal);
        var layer = 0;
        var result = new List<MatMulCandidate>();
        foreach (var (node, weights) in found)
        {
            var (k, n) = (weights.Dims[0], weights.Dims[1]);
            var shared = readers[node.Input[0]];
            var role = k < n ? "ffn1" : k > n ? "ffn2" : shared.Count > 1 ? "qkv"[Math.Min(2, shared.IndexOf(node))].ToString() : "o";
            result.Add(new MatMulCandidate(node, weights, new MatMulRole(layer, role)));
            if (role == "ffn2")
            {
                layer++;
            }
        }

        return result;
    }

    /// <summary>Smooths the inputs of <paramref name="chosen"/> that have statistics: one Mul by 1/s per input tensor
    /// (shared by the MatMuls reading it), and the weights of each MatMul with rows scaled by s.</summary>
    private static Dictionary<NodeProto, float[]> Smooth(GraphProto graph, List<MatMulCandidate> chosen, QuantizationOptions options,
        Dictionary<string, TensorProto> initializers)
    {
        var result = new Dictionary<NodeProto, float[]>();
        if (options.ActivationMax is null)
        {
            return result;
        }

        foreach (var group in chosen.GroupBy(c => c.Node.Input[0], StringComparer.Ordinal))
        {
            if (!options.ActivationMax.TryGetValue(group.Key, out var activation))
            {
                continue;
            }

            var members = group.ToList();
            var rows = checked((int)members[0].Weights.Dims[0]);
            if (activation.Length != rows)
            {
                throw new InvalidDataException($"Statistics of {group.Key} hold {activation.Length} channels, the weights {rows} rows.");
            }

            var weightMax = new float[rows];
            var values = members.Select(m => ReadFloats(m.Weights, checked(rows * (int)m.Weights.Dims[1]))).ToList();
            for (var m = 0; m < members.Count; m++)
            {
                var columns = (int)members[m].Weights.Dims[1];
                for (var k = 0; k < rows; k++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        weightMax[k] = Math.Max(weightMax[k], Math.Abs(values[m][(k * columns) + c]));
                    }
                }
            }

            var s = new float[rows];
            for (var k = 0; k < rows; k++)
            {
                s[k] = activation[k] > 0 && weightMax[k] > 0
                    ? Math.Clamp(MathF.Pow(activation[k], options.Alpha) / MathF.Pow(weightMax[k], 1 - options.Alpha), 1e-4f, 1e4f)
                    : 1f;
            }

            var inverse = new TensorProto { Name = group.Key + "_smooth_inverse", DataType = (int)TensorProto.Types.DataType.Float };
            inverse.Dims.Add(rows);
            inverse.RawData = FloatBytes(s.Select(x => 1f / x).ToArray());
            graph.Initializer.Add(inverse);
            initializers[inverse.Name] = inverse;
            var output = group.Key + "_smoothed";
            var mul = new NodeProto { Name = group.Key + "_smooth", OpType = "Mul" };
            mul.Input.Add(group.Key);
            mul.Input.Add(inverse.Name);
            mul.Output.Add(output);
            graph.Node.Insert(graph.Node.IndexOf(members[0].Node), mul);
            for (var m = 0; m < members.Count; m++)
            {
                members[m].Node.Input[0] = output;
                var columns = (int)members[m].Weights.Dims[1];
                var scaled = values[m];
                for (var k = 0; k < rows; k++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        scaled[(k * columns) + c] *= s[k];
                    }
                }

                result[members[m].Node] = scaled;
            }
        }

        return result;
    }

    internal static Dictionary<string, TensorProto> Initializers(GraphProto graph)
    {
        var initializers = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializer)
        {
            initializers[tensor.Name] = tensor;
        }

        return initializers;
    }

    /// <summary>int8 weights [K, N] and fp32 scales [N] with W[k, n] ≈ scale[n] · q[k, n], q in [-127, 127].</summary>
    internal static (TensorProto Weights, TensorProto Scales) QuantizePerColumn(TensorProto weights, float[]? replacement = null)
    {
        var rows = checked((int)weights.Dims[0]);
        var columns = checked((int)weights.Dims[1]);
        var values = replacement ?? ReadFloats(weights, rows * columns);
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

        var int8 = new TensorProto { Name = weights.Name + "_int8", DataType = (int)TensorProto.Types.DataType.Int8, RawData = ByteString.CopyFrom(q) };
        int8.Dims.Add(rows);
        int8.Dims.Add(columns);
        var scale = new TensorProto { Name = weights.Name + "_scale", DataType = (int)TensorProto.Types.DataType.Float, RawData = FloatBytes(scales) };
        scale.Dims.Add(columns);
        return (int8, scale);
    }

    /// <summary>Float values as an initializer's little-endian raw data.</summary>
    internal static ByteString FloatBytes(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return ByteString.CopyFrom(bytes);
    }

    /// <summary>The values of a float initializer, however it stores them.</summary>
    internal static float[] FloatValues(TensorProto tensor) => ReadFloats(tensor, checked((int)tensor.Dims.Aggregate(1L, (a, d) => a * d)));

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

using System.Buffers.Binary;
using Onnx;

namespace OnnxQuantizer;

/// <summary>Replaces each self-attention block of a BERT export (the projections' outputs reshaped to heads,
/// transposed, Q·Kᵀ scaled, the additive padding mask, softmax, ·V, transposed and reshaped back) with one
/// <c>com.microsoft</c> <c>MultiHeadAttention</c> node over the projections' outputs, fed the attention mask as its
/// key padding mask. The same arithmetic in one kernel instead of about 15 nodes a layer. A layer whose nodes do not
/// have exactly that shape is left as it is; dead nodes and initializers are removed afterwards.</summary>
internal static class AttentionFuser
{
    private const string MaskName = "attention_mask_int32_for_mha";

    /// <summary>Fuses what it can; returns the number of attention blocks replaced.</summary>
    public static int Fuse(GraphProto graph)
    {
        var producers = new Dictionary<string, NodeProto>(StringComparer.Ordinal);
        var readers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (var node in graph.Node)
        {
            foreach (var output in node.Output)
            {
                producers[output] = node;
            }

            foreach (var input in node.Input.Where(i => i.Length > 0))
            {
                if (!readers.TryGetValue(input, out var list))
                {
                    readers[input] = list = [];
                }

                list.Add(node);
            }
        }

        var initializers = MatMulQuantizer.Initializers(graph);
        var fused = 0;
        foreach (var softmax in graph.Node.Where(n => n.OpType == "Softmax").ToList())
        {
            if (Match(softmax, producers, readers, initializers) is not { } block)
            {
                continue;
            }

            var mha = new NodeProto { Name = softmax.Name + "_mha", OpType = "MultiHeadAttention", Domain = MatMulQuantizer.MicrosoftDomain };
            mha.Input.Add(block.Query);
            mha.Input.Add(block.Key);
            mha.Input.Add(block.Value);
            mha.Input.Add(string.Empty); // bias: already added by the projections
            mha.Input.Add(MaskName);
            mha.Output.Add(block.Context);
            mha.Attribute.Add(new AttributeProto { Name = "num_heads", Type = AttributeProto.Types.AttributeType.Int, I = block.Heads });
            mha.Attribute.Add(new AttributeProto { Name = "scale", Type = AttributeProto.Types.AttributeType.Float, F = 1f / block.Divisor });
            mha.Attribute.Add(new AttributeProto { Name = "mask_filter_value", Type = AttributeProto.Types.AttributeType.Float, F = block.MaskFilter });
            var contextProducer = producers[block.Context];
            graph.Node.Insert(graph.Node.IndexOf(contextProducer), mha);
            producers[block.Context] = mha;
            contextProducer.Output[0] = block.Context + "_unfused";
            fused++;
        }

        if (fused > 0)
        {
            var cast = new NodeProto { Name = MaskName, OpType = "Cast" };
            cast.Input.Add("attention_mask");
            cast.Output.Add(MaskName);
            cast.Attribute.Add(new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Int32 });
            graph.Node.Insert(0, cast);
            RemoveDead(graph);
        }

        return fused;
    }

    private sealed record Block(string Query, string Key, string Value, string Context, long Heads, float Divisor, float MaskFilter);

    private static Block? Match(NodeProto softmax, Dictionary<string, NodeProto> producers, Dictionary<string, List<NodeProto>> readers,
        Dictionary<string, TensorProto> initializers)
    {
        NodeProto? From(string name, string op) => producers.TryGetValue(name, out var n) && n.OpType == op ? n : null;
        NodeProto? OnlyReader(string name, string op) => readers.TryGetValue(name, out var r) && r.Count == 1 && r[0].OpType == op ? r[0] : null;
        static bool Perm(NodeProto transpose, params long[] perm) =>
            transpose.Attribute.FirstOrDefault(a => a.Name == "perm") is { } p && p.Ints.SequenceEqual(perm);

        if (Ints(softmax, "axis") is not (-1 or 3) || softmax.Input.Count != 1)
        {
            return null;
        }

        var add = From(softmax.Input[0], "Add");
        var div = add is null ? null : From(add.Input[0], "Div");
        var scores = div is null ? null : From(div.Input[0], "MatMul");
        var divisor = div is null ? null : ConstantFloat(div.Input[1], producers, initializers);
        var maskFilter = add is null ? null : MaskFilter(add.Input[1], producers, initializers);
        var probsV = OnlyReader(softmax.Output[0], "MatMul");
        if (add is null || div is null || scores is null || divisor is null || maskFilter is null || probsV is null || probsV.Input[0] != softmax.Output[0])
        {
            return null;
        }

        var qT = From(scores.Input[0], "Transpose");
        var kT = From(scores.Input[1], "Transpose");
        var vT = From(probsV.Input[1], "Transpose");
        var outT = OnlyReader(probsV.Output[0], "Transpose");
        // The context's Reshape back to [batch, sequence, hidden] (Shape nodes that size it read it too and go with it).
        var outR = outT is null || !readers.TryGetValue(outT.Output[0], out var outReaders) ? null
            : outReaders.SingleOrDefault(r => r.OpType == "Reshape" && r.Input[0] == outT.Output[0]) is { } r && outReaders.All(x => x == r || x.OpType == "Shape") ? r : null;
        if (qT is null || kT is null || vT is null || outT is null || outR is null ||
            !Perm(qT, 0, 2, 1, 3) || !Perm(kT, 0, 2, 3, 1) || !Perm(vT, 0, 2, 1, 3) || !Perm(outT, 0, 2, 1, 3))
        {
            return null;
        }

        var qR = From(qT.Input[0], "Reshape");
        var kR = From(kT.Input[0], "Reshape");
        var vR = From(vT.Input[0], "Reshape");
        if (qR is null || kR is null || vR is null || Heads(qR, producers, initializers) is not { } heads ||
            Heads(kR, producers, initializers) != heads || Heads(vR, producers, initializers) != heads)
        {
            return null;
        }

        return new Block(qR.Input[0], kR.Input[0], vR.Input[0], outR.Output[0], heads, divisor.Value, maskFilter.Value);
    }

    private static long? Ints(NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name)?.I;

    /// <summary>The head count of a Reshape to [batch, sequence, heads, head size] whose shape is a Concat of two
    /// computed sizes and two constants.</summary>
    private static long? Heads(NodeProto reshape, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> initializers)
    {
        if (reshape.Input.Count != 2 || !producers.TryGetValue(reshape.Input[1], out var concat) || concat.OpType != "Concat" || concat.Input.Count != 4)
        {
            return null;
        }

        return ConstantInt(concat.Input[2], producers, initializers);
    }

    /// <summary>The additive mask (1 - mask) · c computed from the attention_mask input; c, or null for another shape.</summary>
    private static float? MaskFilter(string name, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> initializers)
    {
        if (!producers.TryGetValue(name, out var mul) || mul.OpType != "Mul" || !producers.TryGetValue(mul.Input[0], out var sub) || sub.OpType != "Sub" ||
            ConstantFloat(sub.Input[0], producers, initializers) != 1f || ConstantFloat(mul.Input[1], producers, initializers) is not { } filter)
        {
            return null;
        }

        // Sub's other input: Cast(Unsqueeze(Unsqueeze(attention_mask))) to float.
        var current = sub.Input[1];
        for (var guard = 0; guard < 4 && producers.TryGetValue(current, out var node); guard++)
        {
            if (node.OpType is not ("Cast" or "Unsqueeze"))
            {
                return null;
            }

            current = node.Input[0];
        }

        return current == "attention_mask" ? filter : null;
    }

    private static TensorProto? Constant(string name, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> initializers) =>
        initializers.TryGetValue(name, out var tensor) ? tensor
        : producers.TryGetValue(name, out var node) && node.OpType == "Constant" ? node.Attribute.FirstOrDefault(a => a.Name == "value")?.T
        : null;

    private static float? ConstantFloat(string name, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> initializers) =>
        Constant(name, producers, initializers) is { DataType: (int)TensorProto.Types.DataType.Float } t && t.Dims.Aggregate(1L, (a, d) => a * d) == 1
            ? (t.RawData.Length == 4 ? BinaryPrimitives.ReadSingleLittleEndian(t.RawData.Span) : t.FloatData.Count == 1 ? t.FloatData[0] : null)
            : null;

    private static long? ConstantInt(string name, Dictionary<string, NodeProto> producers, Dictionary<string, TensorProto> initializers) =>
        Constant(name, producers, initializers) is { DataType: (int)TensorProto.Types.DataType.Int64 } t && t.Dims.Aggregate(1L, (a, d) => a * d) == 1
            ? (t.RawData.Length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(t.RawData.Span) : t.Int64Data.Count == 1 ? t.Int64Data[0] : null)
            : null;

    /// <summary>Removes nodes none of whose outputs reach a graph output, then initializers nothing reads.</summary>
    private static void RemoveDead(GraphProto graph)
    {
        var live = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var keep = new bool[graph.Node.Count];
        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            var node = graph.Node[i];
            if (node.Output.Any(live.Contains))
            {
                keep[i] = true;
                foreach (var input in node.Input)
                {
                    live.Add(input);
                }
            }
        }

        for (var i = graph.Node.Count - 1; i >= 0; i--)
        {
            if (!keep[i])
            {
                graph.Node.RemoveAt(i);
            }
        }

        for (var i = graph.Initializer.Count - 1; i >= 0; i--)
        {
            if (!live.Contains(graph.Initializer[i].Name))
            {
                graph.Initializer.RemoveAt(i);
            }
        }
    }
}

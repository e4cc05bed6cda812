using Onnx;

namespace OnnxQuantizer;

/// <summary>Calibration: the fp32 model with the input of every constant-weight MatMul added as a graph output, so
/// that a run over sample texts can record each input channel's largest |activation| (see
/// <see cref="ActivationStatistics"/>).</summary>
internal static class ActivationExposer
{
    public static IReadOnlyList<string> Expose(ModelProto model)
    {
        var graph = model.Graph ?? throw new InvalidDataException("The model has no graph.");
        var candidates = MatMulQuantizer.Candidates(graph, MatMulQuantizer.Initializers(graph));
        var names = candidates.Select(c => c.Node.Input[0]).Distinct(StringComparer.Ordinal).ToList();
        var existing = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !existing.Contains(n)))
        {
            graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        return names;
    }
}

using System.Globalization;
using OnnxQuantizer;

// Usage: OnnxQuantizer <fp32 model.onnx> <int8 model.onnx> [--keep-fp32 L0.ffn2,*.o] [--smooth stats.json]
//        [--alpha 0.5] [--smooth-roles q,k,v,ffn1] [--fuse-attention true]
//        OnnxQuantizer --list <model.onnx>
//        OnnxQuantizer --nodes <model.onnx>
//        OnnxQuantizer --expose <fp32 model.onnx> <calibration model.onnx>
//        OnnxQuantizer --merge <fp32 model.onnx> <adapter file> <fp32 tuned model.onnx>
const string Usage = "usage: OnnxQuantizer <fp32 model.onnx> <int8 model.onnx> [--keep-fp32 PATTERNS] [--smooth STATS.json] [--alpha A] [--smooth-roles ROLES] [--fuse-attention true]\n" +
    "       OnnxQuantizer --list <model.onnx>\n       OnnxQuantizer --nodes <model.onnx>\n       OnnxQuantizer --expose <fp32 model.onnx> <calibration model.onnx>\n" +
    "       OnnxQuantizer --merge <fp32 model.onnx> <adapter file> <fp32 tuned model.onnx>";
try
{
    if (args.Length == 2 && args[0] == "--list")
    {
        var graph = MatMulQuantizer.Read(args[1]).Graph;
        foreach (var candidate in MatMulQuantizer.Candidates(graph, MatMulQuantizer.Initializers(graph)))
        {
            Console.WriteLine($"{candidate.Role.Label}\t{candidate.Node.Name}\t{candidate.Node.Input[0]}\t[{string.Join(", ", candidate.Weights.Dims)}]");
        }

        return 0;
    }

    if (args.Length == 2 && args[0] == "--nodes")
    {
        // Every node with its inputs, outputs and attributes (to see what a graph looks like before rewriting it).
        var m = MatMulQuantizer.Read(args[1]);
        Console.WriteLine("opset: " + string.Join(",", m.OpsetImport.Select(o => o.Domain + ":" + o.Version)));
        foreach (var n in m.Graph.Node)
        {
            Console.WriteLine($"{n.OpType}\t{n.Name}\t[{string.Join(", ", n.Input)}] -> [{string.Join(", ", n.Output)}] {string.Join(" ", n.Attribute.Select(a => a.Name + "=" + (a.Ints.Count > 0 ? string.Join("/", a.Ints) : a.I.ToString() + "/" + a.F.ToString())))}");
        }

        return 0;
    }

    if (args.Length == 3 && args[0] == "--expose")
    {
        var model = MatMulQuantizer.Read(args[1]);
        var names = ActivationExposer.Expose(model);
        MatMulQuantizer.Write(model, args[2]);
        Console.WriteLine($"Exposed {names.Count} MatMul inputs as outputs: {args[2]}");
        return 0;
    }

    if (args.Length == 4 && args[0] == "--merge")
    {
        // A tuned model: the low-rank adapters of Memory/build/adapters added to the fp32 weights (LowRankAdapter).
        var model = MatMulQuantizer.Read(args[1]);
        var merged = LowRankAdapter.MergeInto(model.Graph, LowRankAdapter.ReadAll(args[2]));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[3]))!);
        MatMulQuantizer.Write(model, args[3]);
        Console.WriteLine($"Merged {merged} low-rank adapters into the MatMul weights: {args[3]}");
        return 0;
    }

    if (args.Length < 2 || args.Length % 2 != 0)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }

    var keep = new List<string>();
    Dictionary<string, float[]>? statistics = null;
    var alpha = 0.5f;
    var roles = new List<string>();
    var fuseAttention = false;
    for (var i = 2; i < args.Length; i += 2)
    {
        switch (args[i])
        {
            case "--keep-fp32": keep.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
            case "--smooth": statistics = ActivationStatistics.Load(args[i + 1]); break;
            case "--alpha": alpha = float.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
            case "--fuse-attention": fuseAttention = args[i + 1] == "true"; break;
            case "--smooth-roles": roles.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    var options = new QuantizationOptions { KeepFp32 = keep, ActivationMax = statistics, Alpha = alpha, SmoothRoles = roles, FuseAttention = fuseAttention };
    var report = MatMulQuantizer.QuantizeFile(args[0], args[1], options);
    Console.WriteLine($"Quantized {report.Rewritten} MatMul weights to int8 ({report.WeightsBefore / 1048576.0:F1} MB of fp32 weights -> " +
        $"{report.WeightsAfter / 1048576.0:F1} MB; {report.Smoothed} with smoothed inputs; {report.BiasesFolded} bias Adds folded in; {report.AttentionFused} attention blocks fused; kept in fp32: " +
        $"{(report.KeptFp32.Count == 0 ? "none" : string.Join(' ', report.KeptFp32))}): {args[1]}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or
    System.Text.Json.JsonException or Google.Protobuf.InvalidProtocolBufferException)
{
    Console.Error.WriteLine($"OnnxQuantizer: {ex.Message}");
    return 1;
}

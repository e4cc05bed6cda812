using OnnxQuantizer;

// Usage: OnnxQuantizer <fp32 model.onnx> <int8 model.onnx>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: OnnxQuantizer <fp32 model.onnx> <int8 model.onnx>");
    return 2;
}

try
{
    var report = MatMulQuantizer.QuantizeFile(args[0], args[1]);
    Console.WriteLine($"Quantized {report.Rewritten} MatMul weights to int8 ({report.WeightsBefore / 1048576.0:F1} MB of fp32 weights -> " +
        $"{report.WeightsAfter / 1048576.0:F1} MB): {args[1]}");
    return 0;
}
catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException)
{
    Console.Error.WriteLine($"OnnxQuantizer: {ex.Message}");
    return 1;
}

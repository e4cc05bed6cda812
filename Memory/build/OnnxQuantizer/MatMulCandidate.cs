using Onnx;

namespace OnnxQuantizer;

/// <summary>A MatMul whose second input is a constant 2-D fp32 matrix, with its place in the encoder.</summary>
internal sealed record MatMulCandidate(NodeProto Node, TensorProto Weights, MatMulRole Role);

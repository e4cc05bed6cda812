using Onnx;
using OnnxQuantizer;
using TorchSharp;
using static TorchSharp.torch;

namespace MemoryTuner;

/// <summary>all-MiniLM-L6-v2 rebuilt in TorchSharp from the shipped ONNX file's initializers (BERT: 6 layers, 12 heads
/// of 32, GELU feed-forward of 1536, post-LayerNorm; mean pooling over the attention mask, unit length), with a
/// low-rank adapter beside each of the 36 weight MatMuls. The base weights are frozen; only the adapters train.</summary>
internal sealed class MiniLmTorch : IDisposable
{
    private const int Hidden = 384, Heads = 12, HeadSize = 32;
    private const double Epsilon = 1e-12;
    private readonly Tensor _word, _position, _type, _embLnW, _embLnB;
    private readonly Layer[] _layers;
    private readonly List<Linear> _linears = [];

    public MiniLmTorch(string modelPath, int rank, float scale)
    {
        var graph = MatMulQuantizer.Read(modelPath).Graph;
        var init = MatMulQuantizer.Initializers(graph);
        Tensor T(string name) => Load(init[name]);
        _word = T("embeddings.word_embeddings.weight");
        _position = T("embeddings.position_embeddings.weight");
        _type = T("embeddings.token_type_embeddings.weight");
        _embLnW = T("embeddings.LayerNorm.weight");
        _embLnB = T("embeddings.LayerNorm.bias");

        // Each weight MatMul's output feeds one Add whose other input is a named bias: that name says what the
        // MatMul is (query, key, value, attention output, intermediate, output).
        var candidates = MatMulQuantizer.Candidates(graph, init);
        var linears = new Dictionary<string, Linear>(StringComparer.Ordinal);
        foreach (var c in candidates)
        {
            var add = graph.Node.Single(n => n.OpType == "Add" && n.Input.Contains(c.Node.Output[0]));
            var biasName = add.Input.Single(i => i != c.Node.Output[0]);
            var linear = new Linear(c.Role.Label, Load(c.Weights), T(biasName), rank, scale);
            linears[biasName] = linear;
            _linears.Add(linear);
        }

        _layers = new Layer[6];
        for (var l = 0; l < _layers.Length; l++)
        {
            var p = $"encoder.layer.{l}.";
            _layers[l] = new Layer(
                linears[p + "attention.self.query.bias"], linears[p + "attention.self.key.bias"], linears[p + "attention.self.value.bias"],
                linears[p + "attention.output.dense.bias"], linears[p + "intermediate.dense.bias"], linears[p + "output.dense.bias"],
                T(p + "attention.output.LayerNorm.weight"), T(p + "attention.output.LayerNorm.bias"),
                T(p + "output.LayerNorm.weight"), T(p + "output.LayerNorm.bias"));
        }
    }

    public IEnumerable<TorchSharp.Modules.Parameter> TrainableParameters() => _linears.SelectMany(l => new[] { l.A, l.B });

    public IReadOnlyList<Linear> Linears => _linears;

    /// <summary>Unit-length mean-pooled embeddings of a padded batch: ids and mask [B, L] (int64).</summary>
    public Tensor Encode(Tensor ids, Tensor mask)
    {
        var length = ids.shape[1];
        var positions = arange(length, dtype: ScalarType.Int64);
        var x = _word.index_select(0, ids.flatten()).view(ids.shape[0], length, Hidden)
            + _position.index_select(0, positions).unsqueeze(0)
            + _type[0];
        x = nn.functional.layer_norm(x, [Hidden], _embLnW, _embLnB, Epsilon);
        var maskF = mask.to_type(ScalarType.Float32);
        var additive = ((1.0f - maskF) * -1e9f).view(ids.shape[0], 1, 1, length);
        foreach (var layer in _layers)
        {
            x = layer.Forward(x, additive);
        }

        var summed = (x * maskF.unsqueeze(-1)).sum(1);
        var pooled = summed / maskF.sum(1, keepdim: true).clamp_min(1e-9);
        return nn.functional.normalize(pooled, p: 2, dim: 1);
    }

    public void Dispose()
    {
        foreach (var t in new[] { _word, _position, _type, _embLnW, _embLnB })
        {
            t.Dispose();
        }
    }

    private static Tensor Load(TensorProto proto)
    {
        var values = MatMulQuantizer.FloatValues(proto);
        return tensor(values, [.. proto.Dims]);
    }

    internal sealed class Linear(string label, Tensor weight, Tensor bias, int rank, float scale)
    {
        public string Label { get; } = label;
        public Tensor W { get; } = weight;
        public Tensor Bias { get; } = bias;
        public int Rank { get; } = rank;
        public float Scale { get; } = scale;

        // LoRA's initialisation: A random (Kaiming-uniform-like), B zero, so training starts at the base model.
        public TorchSharp.Modules.Parameter A { get; } = new((rand(weight.shape[0], rank) * 2 - 1).mul_(Math.Sqrt(1.0 / weight.shape[0])), requires_grad: true);
        public TorchSharp.Modules.Parameter B { get; } = new(zeros(rank, weight.shape[1]), requires_grad: true);

        public Tensor Forward(Tensor x) => rank == 0
            ? x.matmul(W) + Bias
            : x.matmul(W) + Bias + x.matmul(A).matmul(B) * Scale;
    }

    private sealed class Layer(Linear q, Linear k, Linear v, Linear o, Linear f1, Linear f2, Tensor ln1W, Tensor ln1B, Tensor ln2W, Tensor ln2B)
    {
        public Tensor Forward(Tensor x, Tensor additiveMask)
        {
            long b = x.shape[0], l = x.shape[1];
            Tensor Split(Tensor t) => t.view(b, l, Heads, HeadSize).transpose(1, 2);
            var scores = Split(q.Forward(x)).matmul(Split(k.Forward(x)).transpose(-1, -2)) / Math.Sqrt(HeadSize) + additiveMask;
            var context = scores.softmax(-1).matmul(Split(v.Forward(x))).transpose(1, 2).reshape(b, l, Hidden);
            x = nn.functional.layer_norm(x + o.Forward(context), [Hidden], ln1W, ln1B, Epsilon);
            var h = nn.functional.gelu(f1.Forward(x));
            return nn.functional.layer_norm(x + f2.Forward(h), [Hidden], ln2W, ln2B, Epsilon);
        }
    }
}

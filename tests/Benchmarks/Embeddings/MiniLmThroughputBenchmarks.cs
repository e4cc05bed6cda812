using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace Benchmarks.Embeddings;

/// <summary>Sentences per second through the <c>minilm</c> embedder, one call of <see cref="BatchSize"/> texts at a
/// time, against a plain loop over the same model (default session, no batching help). Times are per sentence.</summary>
[Config(typeof(ThroughputConfig))]
public class MiniLmThroughputBenchmarks
{
    private IEmbeddingGenerator<string, Embedding<float>> _generator = null!;
    private InferenceSession _plainSession = null!;
    private BertTokenizer _plainTokenizer = null!;
    private string[] _texts = [];

    [Params(1, 8, 32)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (!OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, out var generator, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _generator = generator;
        _plainSession = new InferenceSession(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "model.onnx"));
        _plainTokenizer = BertTokenizer.Create(Path.Combine(OnnxEmbeddingGenerators.MiniLmDirectory, "vocab.txt"));
        _texts = BenchmarkSentences.Take(BatchSize, offset: 0);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        _plainSession.Dispose();
    }

    [Benchmark(Description = "minilm embedder")]
    public async Task<int> Embedder()
    {
        var embeddings = await _generator.GenerateAsync(_texts);
        return embeddings.Count;
    }

    [Benchmark(Baseline = true, Description = "plain loop")]
    public int PlainLoop()
    {
        var ids = _texts.Select(t => _plainTokenizer.EncodeToIds(t)).ToArray();
        var length = ids.Max(i => i.Count);
        var inputIds = new long[_texts.Length * length];
        var mask = new long[inputIds.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            for (var t = 0; t < ids[i].Count; t++)
            {
                inputIds[(i * length) + t] = ids[i][t];
                mask[(i * length) + t] = 1;
            }
        }

        long[] shape = [_texts.Length, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(inputIds, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(new long[inputIds.Length], shape);
        using var runOptions = new RunOptions();
        using var outputs = _plainSession.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"],
            [idsValue, maskValue, typesValue], ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var pooled = new float[_texts.Length * 384];
        for (var i = 0; i < ids.Length; i++)
        {
            for (var t = 0; t < ids[i].Count; t++)
            {
                for (var d = 0; d < 384; d++)
                {
                    pooled[(i * 384) + d] += hidden[(((i * length) + t) * 384) + d] / ids[i].Count;
                }
            }
        }

        return pooled.Length;
    }

    // In process: the model is 90 MB and the generated boilerplate project adds minutes to a run on a busy machine.
    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig()
        {
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(15));
        }
    }
}

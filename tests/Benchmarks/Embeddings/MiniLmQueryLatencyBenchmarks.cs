using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Embeddings;

/// <summary>One short query's embedding, the part of a personalized chat call that sits on the request's path:
/// p50/p99 of single calls, and the resident memory of the process with the model loaded and used.</summary>
[Config(typeof(LatencyConfig))]
public class MiniLmQueryLatencyBenchmarks
{
    private IEmbeddingGenerator<string, Embedding<float>> _generator = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions(), NullLoggerFactory.Instance, out var generator, out var error))
        {
            throw new InvalidOperationException(error);
        }

        _generator = generator;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine($"// Resident set with the model loaded and used: {process.WorkingSet64 / (1024 * 1024)} MB " +
                          $"(peak {process.PeakWorkingSet64 / (1024 * 1024)} MB, managed heap {GC.GetTotalMemory(false) / (1024 * 1024)} MB)");
        _generator.Dispose();
    }

    [Benchmark(Description = "short query")]
    public async Task<int> ShortQuery()
    {
        var embeddings = await _generator.GenerateAsync(["what outdoor sport do I do?"]);
        return embeddings.Count;
    }

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            // One call per measurement, so the percentiles are those of single queries, not of averages.
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(20)
                .WithIterationCount(300).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }
}

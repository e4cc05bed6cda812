using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Benchmarks;

/// <summary>One operation per measured iteration (Monitoring strategy), so percentiles are per-operation latencies;
/// run in process to keep the shared machine's build time down.</summary>
internal sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(30)
            .WithIterationCount(300)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true)));
        AddColumn(StatisticColumn.Mean, StatisticColumn.P50, StatisticColumn.P95, new LatencyPercentileColumn(50), new LatencyPercentileColumn(99));
        AddColumn(StatisticColumn.OperationsPerSecond);
    }
}

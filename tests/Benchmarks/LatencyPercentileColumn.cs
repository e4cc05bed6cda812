using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Benchmarks;

/// <summary>A latency percentile over the measured iterations (each iteration is one operation in the latency
/// configs), in milliseconds; BenchmarkDotNet's built-in columns stop at P95.</summary>
internal sealed class LatencyPercentileColumn(int percentile) : IColumn
{
    public string Id => $"{nameof(LatencyPercentileColumn)}.{percentile}";
    public string ColumnName => $"P{percentile} ms";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => percentile;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{percentile}th percentile of single-operation latency, milliseconds";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var measurements = summary[benchmarkCase]?.GetResultRuns();
        if (measurements is null || measurements.Count == 0)
        {
            return "-";
        }

        var sorted = measurements.Select(m => m.Nanoseconds / m.Operations).Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return (sorted[Math.Clamp(rank, 0, sorted.Length - 1)] / 1e6).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

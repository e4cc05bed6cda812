using BenchmarkDotNet.Running;

namespace Benchmarks;

/// <summary>BenchmarkDotNet suites, plus load runs: <c>overhead</c>.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "overhead")
        {
            return await Overhead.OverheadRun.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

using System.Globalization;

namespace Benchmarks.Locomo;

/// <summary>Command line of <c>locomo</c>: <c>--data DIR</c> (default: <c>../shared/data/locomo-dev</c> next to the
/// repository, or above it), <c>--embedder NAME</c>, <c>--mmr LAMBDA</c>, <c>--sweep</c> (weight and MMR grids),
/// <c>--latency</c> (in-process search latency per ranking), <c>--hub</c> (hub-penalty variants), <c>--with Name=Value</c> (repeatable: a row of the default with these
/// <see cref="Memory.Retrieval.RetrievalOptions"/> changed), <c>--brief</c> (only the default and that row), <c>--diagnose</c> (misses per question category and losing side,
/// <see cref="LocomoDiagnostics"/>; with <c>--misses FILE</c> each miss written out).</summary>
internal sealed record LocomoSettings(string DataDirectory, string Embedder, double? Mmr, bool Sweep, bool Latency, bool Hub = false)
{
    public IReadOnlyList<string> With { get; init; } = [];

    /// <summary><c>--variant "Name=Value;Name=Value"</c> (repeatable): one row each, the default with those options changed.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    public bool Diagnose { get; init; }

    /// <summary><c>--brief</c>: only the shipped default and the <c>--with</c> row (a held-out measurement of one candidate).</summary>
    public bool Brief { get; init; }

    public string? MissesFile { get; init; }

    public static LocomoSettings Parse(string[] args)
    {
        var with = new List<string>();
        var variants = new List<string>();
        var diagnose = false;
        var brief = false;
        string? missesFile = null;
        string? data = null;
        var embedder = "hash";
        double? mmr = null;
        bool sweep = false, latency = false, hub = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = Value(args, ref i); break;
                case "--embedder": embedder = Value(args, ref i); break;
                case "--mmr": mmr = double.Parse(Value(args, ref i), CultureInfo.InvariantCulture); break;
                case "--sweep": sweep = true; break;
                case "--latency": latency = true; break;
                case "--hub": hub = true; break;
                case "--with": with.Add(Value(args, ref i)); break;
                case "--variant": variants.Add(Value(args, ref i)); break;
                case "--diagnose": diagnose = true; break;
                case "--brief": brief = true; break;
                case "--misses": missesFile = Value(args, ref i); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --data DIR --embedder hash|hash:DIM|minilm|arctic|bm25|openai|A+B --mmr L --sweep --latency --hub --with Name=Value --variant A=1;B=2 --diagnose --misses FILE --brief");
            }
        }

        return new LocomoSettings(data ?? DefaultData(), embedder, mmr, sweep, latency, hub) { With = with, Variants = variants, Diagnose = diagnose || missesFile is not null, MissesFile = missesFile, Brief = brief };
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    /// <summary><c>shared/data/locomo-dev</c> in the nearest ancestor of the repository root that has it.</summary>
    private static string DefaultData()
    {
        var directory = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
        {
            directory = directory.Parent;
        }

        for (var d = directory?.Parent; d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "data", "locomo-dev");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("No shared/data/locomo-dev found above the repository; pass --data DIR.");
    }
}

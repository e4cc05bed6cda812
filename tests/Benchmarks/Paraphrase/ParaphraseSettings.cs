namespace Benchmarks.Paraphrase;

/// <summary>Command line of <c>paraphrase</c>: <c>--data FILE</c> (default: the dev set in this repository),
/// <c>--embedder NAME</c> (repeatable; default <c>hash</c> and <c>minilm</c>), <c>--misses</c> (list the default's
/// misses), <c>--sweep</c> (weight, rerank and MMR grids).</summary>
internal sealed record ParaphraseSettings(string DataPath, IReadOnlyList<string> Embedders, bool Misses, bool Sweep)
{
    public static ParaphraseSettings Parse(string[] args)
    {
        string? data = null;
        var embedders = new List<string>();
        var misses = false;
        var sweep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = Value(args, ref i); break;
                case "--embedder": embedders.Add(Value(args, ref i)); break;
                case "--misses": misses = true; break;
                case "--sweep": sweep = true; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --data FILE --embedder NAME (repeatable) --misses --sweep");
            }
        }

        return new ParaphraseSettings(data ?? ParaphraseDevSet.DefaultPath(), embedders.Count > 0 ? embedders : ["hash", "minilm"], misses, sweep);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}

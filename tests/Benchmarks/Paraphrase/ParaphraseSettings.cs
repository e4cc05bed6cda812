namespace Benchmarks.Paraphrase;

/// <summary>Command line of <c>paraphrase</c>: <c>--set NAME</c> (repeatable: <c>dev</c>, <c>heldout</c>, <c>probe</c> or a
/// file; default all three), <c>--hub</c> (hub-penalty variants),
/// <c>--embedder NAME</c> (repeatable; default <c>hash</c> and <c>minilm</c>), <c>--misses</c> (list the default's
/// misses), <c>--sweep</c> (weight, rerank and MMR grids), <c>--variant "A=1;B=2"</c> (repeatable: a row of the default with
/// those retrieval options), <c>--brief</c> (only the default and the variant rows), <c>--prompt</c> (prompt injection per row).</summary>
internal sealed record ParaphraseSettings(IReadOnlyList<string> Sets, IReadOnlyList<string> Embedders, bool Misses, bool Sweep, bool Hub)
{
    /// <summary><c>--variant "Name=Value;Name=Value"</c> (repeatable): one row each, the default with those options changed.</summary>
    public IReadOnlyList<string> Variants { get; init; } = [];

    /// <summary><c>--brief</c>: only the shipped default and the <c>--variant</c> rows.</summary>
    public bool Brief { get; init; }

    /// <summary><c>--prompt</c>: also what prompt selection injects per row (own memory injected, how many memories,
    /// and how many for a question whose answer the user does not hold).</summary>
    public bool Prompt { get; init; }

    public static ParaphraseSettings Parse(string[] args)
    {
        var sets = new List<string>();
        var hub = false;
        var embedders = new List<string>();
        var misses = false;
        var sweep = false;
        var brief = false;
        var prompt = false;
        var variants = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": sets.Add(Value(args, ref i)); break;
                case "--set": sets.Add(Value(args, ref i)); break;
                case "--hub": hub = true; break;
                case "--embedder": embedders.Add(Value(args, ref i)); break;
                case "--misses": misses = true; break;
                case "--sweep": sweep = true; break;
                case "--brief": brief = true; break;
                case "--prompt": prompt = true; break;
                case "--variant": variants.Add(Value(args, ref i)); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --set dev|heldout|probe|FILE (repeatable) --embedder NAME (repeatable) --misses --sweep --hub --brief --prompt --variant A=1;B=2");
            }
        }

        return new ParaphraseSettings(sets.Count > 0 ? sets : ParaphraseSets.Names, embedders.Count > 0 ? embedders : ["hash", "minilm"], misses, sweep, hub) { Variants = variants, Brief = brief, Prompt = prompt };
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}

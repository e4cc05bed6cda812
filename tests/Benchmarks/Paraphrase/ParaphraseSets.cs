using Memory.Probe;

namespace Benchmarks.Paraphrase;

/// <summary>The paraphrase sets by name: <c>dev</c> (tuned on), <c>heldout</c> (written apart, checked only) and
/// <c>probe</c> (the admin probe's built-in cases, its distractors held by the first pair), or a file path.</summary>
internal static class ParaphraseSets
{
    public static readonly string[] Names = ["dev", "heldout", "probe"];

    public static IReadOnlyList<ParaphrasePair> Load(string name) => name switch
    {
        "dev" => ParaphraseDevSet.Load(ParaphraseDevSet.DefaultPath()),
        "heldout" => ParaphraseDevSet.Load(ParaphraseDevSet.DefaultPath().Replace("paraphrase-dev.jsonl", "paraphrase-heldout.jsonl", StringComparison.Ordinal)),
        "probe" => ProbeCases.Paraphrases
            .Select((p, i) => new ParaphrasePair($"probe-{i + 1:00}", "probe", p.Memory, p.Question, i == 0 ? ProbeCases.Distractors : []))
            .ToList(),
        _ => ParaphraseDevSet.Load(name),
    };
}

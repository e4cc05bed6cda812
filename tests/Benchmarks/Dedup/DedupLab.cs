using System.Globalization;
using Benchmarks.Locomo;
using Memory.Dedup;
using Memory.WriteBack;
using Microsoft.Extensions.AI;

namespace Benchmarks.Dedup;

/// <summary><c>dedup-lab FILE [--embedder NAME]</c>: for each line <c>stored || incoming</c>, the cosine of the two
/// texts under the embedder (default <c>minilm</c>, the tuned model; <c>tests/Benchmarks/Dedup/pairs.txt</c> holds 60 labelled pairs) and the de-duplication rule's verdict when the
/// caller judged them similar and when it did not; then, for cosine thresholds from 0.80 to 0.95, how many pairs
/// would be judged similar and absorbed (Duplicate). Lines may end with <c>|| dup</c> or <c>|| distinct</c> (what the
/// pair should be) to count wrong merges (a distinct fact absorbed: a lost fact) and missed duplicates.</summary>
internal static class DedupLab
{
    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? throw new ArgumentException("dedup-lab FILE [--embedder NAME]");
        var name = args.SkipWhile(a => a != "--embedder").Skip(1).FirstOrDefault() ?? "minilm";
        var pairs = File.ReadLines(file).Where(l => l.Contains("||", StringComparison.Ordinal))
            .Select(l => l.Split("||", StringSplitOptions.TrimEntries)).ToList();
        using var embedder = LocomoEmbedders.Create(name) ?? throw new ArgumentException("dedup-lab needs an embedder");
        var texts = pairs.SelectMany(p => new[] { p[0], p[1] }).Distinct().ToList();
        var vectors = (await embedder.GenerateAsync(texts).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var vectorOf = texts.Select((t, i) => (t, v: vectors[i])).ToDictionary(x => x.t, x => x.v);
        var rows = pairs.Select(p => (Stored: p[0], Incoming: p[1], Expected: p.Length > 2 ? p[2] : null,
            Cosine: FactEmbedder.Cosine(vectorOf[p[0]], vectorOf[p[1]]),
            IfSimilar: DedupRule.Compare(p[0], p[1], similar: true).Verdict,
            IfNot: DedupRule.Compare(p[0], p[1], similar: false).Verdict)).ToList();
        foreach (var r in rows.OrderByDescending(r => r.Cosine))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Cosine:F3} similar:{r.IfSimilar,-10} not:{r.IfNot,-10} {r.Expected,-8} | {r.Stored} -> {r.Incoming}"));
        }

        Console.WriteLine();
        Console.WriteLine("| threshold | absorbed | distinct facts absorbed (lost) | duplicates kept twice |");
        Console.WriteLine("|---|---|---|---|");
        for (var t = 0.80; t <= 0.951; t += 0.01)
        {
            var verdicts = rows.Select(r => (r.Expected, Verdict: r.Cosine >= t ? r.IfSimilar : r.IfNot)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t:F2} | {verdicts.Count(v => v.Verdict == DedupVerdict.Duplicate)} | {verdicts.Count(v => v.Expected == "distinct" && v.Verdict == DedupVerdict.Duplicate)} | {verdicts.Count(v => v.Expected == "dup" && v.Verdict == DedupVerdict.Distinct)} |"));
        }

        return 0;
    }
}

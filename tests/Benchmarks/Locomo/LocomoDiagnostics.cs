using System.Globalization;
using System.Reflection;
using Memory.Configuration;
using Memory.Model;
using Memory.Retrieval;
using Memory.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TestDoubles;

namespace Benchmarks.Locomo;

/// <summary><c>locomo --diagnose</c>: the default (or the options given with <c>--with Name=Value</c>) per LoCoMo question
/// category (1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop), and for every miss which side lost the evidence:
/// not in any memory, pushed out of the top 10 by MMR (in the fused top 10 before it), lost by fusion (BM25 alone or
/// dense alone had it in their top 10), or lost by both rankers. With <c>--misses FILE</c> each miss is written out.</summary>
internal static class LocomoDiagnostics
{
    private static readonly string[] Sides = ["no evidence memory", "MMR", "fusion (BM25 top 10)", "fusion (dense top 10)", "fusion (both top 10)", "both rankers (>10)"];

    public static async Task RunAsync(InMemoryMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder,
        IReadOnlyList<LocomoConversation> conversations, LocomoSettings settings)
    {
        var options = Apply(Paraphrase.ShippedFusion.New(), settings.With);
        var preMmr = Apply(Paraphrase.ShippedFusion.New(), settings.With);
        preMmr.MmrLambda = 1;
        var lexical = Apply(Paraphrase.ShippedFusion.New(), settings.With);
        lexical.LexicalWeight = 1;
        lexical.DenseWeight = 0;
        lexical.MmrLambda = 1;
        var dense = Apply(Paraphrase.ShippedFusion.New(), settings.With);
        dense.LexicalWeight = 0;
        dense.DenseWeight = 1;
        dense.MmrLambda = 1;
        var retrievers = new[] { options, preMmr, lexical, dense }.Select(o => Create(store, embedder, o)).ToArray();

        var rows = new SortedDictionary<int, int[]>();
        var totals = new SortedDictionary<int, (int Count, int Hit5, int Hit10)>();
        double reciprocal = 0;
        var hit20 = 0;
        using var misses = settings.MissesFile is null ? null : new StreamWriter(settings.MissesFile);
        foreach (var conversation in conversations)
        {
            var user = new UserKey("locomo", $"locomo-{conversation.Id}");
            foreach (var question in conversation.Questions)
            {
                var ranks = new int?[4];
                IReadOnlyList<ScoredMemory>? shown = null;
                for (var r = 0; r < retrievers.Length; r++)
                {
                    var results = await retrievers[r].SearchAsync(user, new MemorySearchRequest { Query = question.Text, Limit = r == 0 ? 10 : 50 }).ConfigureAwait(false);
                    ranks[r] = FirstHit(results, question.Evidence);
                    shown ??= results;
                }

                reciprocal += ranks[0] is { } first ? 1.0 / first : 0;
                hit20 += ranks[1] <= 20 ? 1 : 0;
                var total = totals.GetValueOrDefault(question.Category);
                totals[question.Category] = (total.Count + 1, total.Hit5 + (ranks[0] <= 5 ? 1 : 0), total.Hit10 + (ranks[0] is not null ? 1 : 0));
                if (ranks[0] is not null)
                {
                    continue;
                }

                var inAny = conversation.Observations.Any(o => o.Sources.Any(question.Evidence.Contains));
                var side = !inAny ? 0
                    : ranks[1] <= 10 ? 1
                    : ranks[2] <= 10 && ranks[3] <= 10 ? 4
                    : ranks[2] <= 10 ? 2
                    : ranks[3] <= 10 ? 3
                    : 5;
                if (!rows.TryGetValue(question.Category, out var row))
                {
                    rows[question.Category] = row = new int[Sides.Length];
                }

                row[side]++;
                if (misses is not null && inAny)
                {
                    var evidence = conversation.Observations.Where(o => o.Sources.Any(question.Evidence.Contains)).Select(o => o.Text);
                    await misses.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"[{conversation.Id} cat {question.Category}] {question.Text}  (lost by {Sides[side]}; fused {Rank(ranks[1])}, BM25 {Rank(ranks[2])}, dense {Rank(ranks[3])})")).ConfigureAwait(false);
                    await misses.WriteLineAsync("  query terms: " + string.Join(' ', TextAnalyzer.Terms(question.Text))).ConfigureAwait(false);
                    foreach (var text in evidence)
                    {
                        await misses.WriteLineAsync("  evidence: " + text).ConfigureAwait(false);
                    }

                    foreach (var hit in shown!.Take(3))
                    {
                        await misses.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  got {hit.Score:F3}: {hit.Memory.Text}")).ConfigureAwait(false);
                    }
                }
            }
        }

        Console.WriteLine("| category | questions | recall@5 | recall@10 | " + string.Join(" | ", Sides.Select(s => "missed: " + s)) + " |");
        Console.WriteLine("|---|---|---|---|" + string.Concat(Sides.Select(_ => "---|")));
        foreach (var (category, (count, hit5, hit10)) in totals)
        {
            var row = rows.GetValueOrDefault(category) ?? new int[Sides.Length];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {category} | {count} | {hit5 / (double)count:F3} | {hit10 / (double)count:F3} | {string.Join(" | ", row)} |"));
        }

        var all = totals.Values.Aggregate((Count: 0, Hit5: 0, Hit10: 0), (a, t) => (a.Count + t.Count, a.Hit5 + t.Hit5, a.Hit10 + t.Hit10));
        var sums = Enumerable.Range(0, Sides.Length).Select(i => rows.Values.Sum(r => r[i]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| all | {all.Count} | {all.Hit5 / (double)all.Count:F3} | {all.Hit10 / (double)all.Count:F3} | {string.Join(" | ", sums)} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MRR@10 {reciprocal / all.Count:F4}, recall@20 without MMR {hit20 / (double)all.Count:F3} ({string.Join(", ", settings.With)})"));
    }

    /// <summary>Sets <see cref="RetrievalOptions"/> properties by name from <c>Name=Value</c> pairs (invariant culture).</summary>
    public static RetrievalOptions Apply(RetrievalOptions options, IReadOnlyList<string> assignments)
    {
        foreach (var assignment in assignments)
        {
            var parts = assignment.Split('=', 2);
            var property = typeof(RetrievalOptions).GetProperty(parts[0], BindingFlags.Public | BindingFlags.Instance)
                ?? throw new ArgumentException($"RetrievalOptions has no property '{parts[0]}'.");
            var type = property.PropertyType;
            object value = type.IsEnum ? Enum.Parse(type, parts[1], ignoreCase: true)
                : type == typeof(TimeSpan) ? TimeSpan.Parse(parts[1], CultureInfo.InvariantCulture)
                : Convert.ChangeType(parts[1], type, CultureInfo.InvariantCulture);
            property.SetValue(options, value);
        }

        return options;
    }

    private static HybridRetriever Create(InMemoryMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, RetrievalOptions options) =>
        new(store, embedder, new TiktokenTokenCounter(), Options.Create(new MemoryOptions()), Options.Create(options), TimeProvider.System,
            NullLogger<HybridRetriever>.Instance, new RetrievalDeadline(Options.Create(new RetrievalOptions { DeadlineMilliseconds = 0 }), TimeProvider.System));

    private static string Rank(int? rank) => rank?.ToString(CultureInfo.InvariantCulture) ?? ">50";

    private static int? FirstHit(IReadOnlyList<ScoredMemory> results, IReadOnlySet<string> evidence)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Memory.Sources.Any(evidence.Contains))
            {
                return i + 1;
            }
        }

        return null;
    }
}

using System.Globalization;
using Benchmarks.Locomo;
using Memory.Configuration;
using Memory.Embeddings;
using Memory.Model;
using Memory.Retrieval;
using Memory.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TestDoubles;

namespace Benchmarks.Paraphrase;

/// <summary>Paraphrase retrieval evaluation: every memory of the dev set (targets and distractors) is one user's, each
/// question is searched through <see cref="HybridRetriever"/>, and top-1/top-3 (its own memory first / in the first
/// three) is reported per fusion variant and embedder. Three layouts of the same memories: one user holding all of them
/// written now with confidence 1; the same with ages up to four years and confidences from 0.5 to 1 spread
/// deterministically (so the confidence/freshness rerank is in play); and users of 20 pairs each (every ninth pair, so
/// domains mix), where a question meets its own distractor and few other generic-word matches.</summary>
internal static class ParaphraseHarness
{
    private const int Limit = 10;
    private static readonly UserKey Uniform = new("paraphrase", "uniform");
    private static readonly UserKey Mixed = new("paraphrase", "mixed");
    private const int PairsPerSmallUser = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = ParaphraseSettings.Parse(args);
        foreach (var set in settings.Sets)
        {
            await RunSetAsync(settings, set).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task RunSetAsync(ParaphraseSettings settings, string set)
    {
        var pairs = ParaphraseSets.Load(set);
        Console.WriteLine();
        Console.WriteLine($"Paraphrase set {set}: {pairs.Count} pairs, {pairs.Sum(p => 1 + p.Distractors.Count)} memories, " +
            $"{pairs.Select(p => p.Domain).Distinct().Count()} domains");
        foreach (var name in settings.Embedders)
        {
            var created = LocomoEmbedders.Create(name);
            using var embedder = created is null ? null : new QueryCachingEmbeddingGenerator(created);
            var modelId = embedder is null ? "none" : EmbeddingGenerators.ModelIdOf(embedder);
            ShippedFusion.ModelId = modelId;
            var store = new InMemoryMemoryStore();
            var now = DateTimeOffset.UtcNow;
            await SeedAsync(store, pairs, embedder, now).ConfigureAwait(false);

            Console.WriteLine();
            Console.WriteLine($"Embedder {name} ({modelId})");
            Console.WriteLine($"| fusion | top-1 | top-3 | top-1 mixed ages/confidence | top-3 mixed | top-1 users of {PairsPerSmallUser} pairs | top-3 users of {PairsPerSmallUser} |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            var rows = settings.Brief ? [("shipped default", ShippedFusion.New())] : FusionVariants.All(embedder is not null, settings.Sweep, hub: settings.Hub);
            rows = rows.Concat(settings.Variants.Select(v => ("default with " + v, LocomoDiagnostics.Apply(ShippedFusion.New(), v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))));
            var promptRows = new List<string>();
            foreach (var (variant, options) in rows)
            {
                var retriever = Create(store, embedder, options);
                if (settings.Prompt)
                {
                    promptRows.Add($"| {variant} | {await PromptRowAsync(retriever, pairs).ConfigureAwait(false)} |");
                }

                var uniform = await EvaluateAsync(retriever, Uniform, pairs).ConfigureAwait(false);
                var mixed = await EvaluateAsync(retriever, Mixed, pairs).ConfigureAwait(false);
                var small = await EvaluateAsync(retriever, null, pairs).ConfigureAwait(false);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {variant} | {uniform.Top(1):F3} | {uniform.Top(3):F3} | {mixed.Top(1):F3} | {mixed.Top(3):F3} | {small.Top(1):F3} | {small.Top(3):F3} |"));
            }

            if (settings.Prompt)
            {
                Console.WriteLine();
                Console.WriteLine($"Prompt selection (users of {PairsPerSmallUser} pairs, token budget {new MemoryOptions().TokenBudget}): own memory injected / memories injected per question / memories injected for a question whose answer the user does not hold");
                Console.WriteLine("| fusion | own injected | injected | injected, answer not held |");
                Console.WriteLine("|---|---|---|---|");
                promptRows.ForEach(Console.WriteLine);
            }

            if (settings.Misses)
            {
                var retriever = Create(store, embedder, ShippedFusion.New());
                Console.WriteLine();
                Console.WriteLine("Misses of the shipped default (uniform):");
                foreach (var pair in pairs)
                {
                    var results = await retriever.SearchAsync(Uniform, new MemorySearchRequest { Query = pair.Question, Limit = 3 }).ConfigureAwait(false);
                    if (results.Count == 0 || results[0].Memory.Id != pair.Id)
                    {
                        Console.WriteLine($"  {pair.Id} '{pair.Question}' -> {string.Join(" | ", results.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Score:F3} {r.Memory.Text}")))}");
                    }
                }
            }
        }
    }

    private static HybridRetriever Create(InMemoryMemoryStore store, IEmbeddingGenerator<string, Embedding<float>>? embedder, RetrievalOptions options) =>
        new(store, embedder ?? EmbeddingGenerators.CreateHash(), new TiktokenTokenCounter(), Options.Create(new MemoryOptions()),
            Options.Create(options), TimeProvider.System, NullLogger<HybridRetriever>.Instance);

    private static async Task SeedAsync(InMemoryMemoryStore store, IReadOnlyList<ParaphrasePair> pairs,
        IEmbeddingGenerator<string, Embedding<float>>? embedder, DateTimeOffset now)
    {
        var memories = pairs.SelectMany(p => p.Distractors.Select((d, j) => (Id: $"{p.Id}-d{j + 1}", Text: d)).Prepend((Id: p.Id, Text: p.Memory))).ToList();
        var vectors = embedder is null ? null : await embedder.GenerateAsync(memories.Select(m => m.Text)).ConfigureAwait(false);
        var modelId = embedder is null ? null : EmbeddingGenerators.ModelIdOf(embedder);
        MemoryItem Item(int i, double ageDays, double confidence) => new()
        {
            Id = memories[i].Id,
            Text = memories[i].Text,
            Context = "chat",
            Confidence = confidence,
            OccurredAt = now - TimeSpan.FromDays(ageDays),
            CreatedAt = now - TimeSpan.FromDays(ageDays),
            UpdatedAt = now - TimeSpan.FromDays(ageDays),
            Sources = [memories[i].Id],
            EmbeddingModel = modelId,
            Embedding = vectors?[i].Vector.ToArray(),
        };

        await store.UpsertAsync(Uniform, memories.Select((_, i) => Item(i, 0, 1.0)).ToList()).ConfigureAwait(false);
        await store.UpsertAsync(Mixed, memories.Select((_, i) => Item(i, (i * 53) % 1461, 0.5 + (0.1 * (i % 6)))).ToList()).ConfigureAwait(false);
        var pairOf = memories.Select(m => pairs.Single(p => m.Id == p.Id || m.Id.StartsWith(p.Id + "-d", StringComparison.Ordinal))).ToList();
        foreach (var group in memories.Select((_, i) => i).GroupBy(i => SmallUser(pairs, pairOf[i])))
        {
            await store.UpsertAsync(group.Key, group.Select(i => Item(i, 0, 1.0)).ToList()).ConfigureAwait(false);
        }
    }

    /// <summary>The small user holding a pair: pairs are dealt round-robin into users of about 20 pairs.</summary>
    private static UserKey SmallUser(IReadOnlyList<ParaphrasePair> pairs, ParaphrasePair pair)
    {
        var users = (pairs.Count + PairsPerSmallUser - 1) / PairsPerSmallUser;
        var index = pairs.Select((p, i) => (p, i)).First(x => ReferenceEquals(x.p, pair)).i;
        return new UserKey("paraphrase", $"small-{index % users}");
    }

    /// <summary>Each question searched as <paramref name="user"/>, or (null) as the small user holding its pair.</summary>
    private static async Task<Outcome> EvaluateAsync(HybridRetriever retriever, UserKey? user, IReadOnlyList<ParaphrasePair> pairs)
    {
        var outcome = new Outcome();
        foreach (var pair in pairs)
        {
            var results = await retriever.SearchAsync(user ?? SmallUser(pairs, pair), new MemorySearchRequest { Query = pair.Question, Limit = Limit }).ConfigureAwait(false);
            var rank = results.Select((r, i) => (r.Memory.Id, Rank: i + 1)).FirstOrDefault(r => r.Id == pair.Id).Rank;
            outcome.Ranks.Add(rank == 0 ? null : rank);
        }

        return outcome;
    }

    /// <summary>Prompt selection for every question as the small user holding its pair, and as the next small user
    /// (which does not hold it).</summary>
    private static async Task<string> PromptRowAsync(HybridRetriever retriever, IReadOnlyList<ParaphrasePair> pairs)
    {
        var budget = new MemoryOptions().TokenBudget;
        var users = (pairs.Count + PairsPerSmallUser - 1) / PairsPerSmallUser;
        int own = 0, injected = 0, stray = 0;
        foreach (var pair in pairs)
        {
            var holder = SmallUser(pairs, pair);
            var request = new PromptMemoryRequest { Query = pair.Question, Context = "chat", TokenBudget = budget };
            var selection = await retriever.SelectForPromptAsync(holder, request).ConfigureAwait(false);
            own += selection.All.Any(m => m.Memory.Id == pair.Id) ? 1 : 0;
            injected += selection.All.Count();
            if (users < 2)
            {
                continue; // one user holds every pair: no user lacks the answer
            }

            var index = int.Parse(holder.UserId["small-".Length..], CultureInfo.InvariantCulture);
            var other = new UserKey(holder.Tenant, $"small-{(index + 1) % users}");
            stray += (await retriever.SelectForPromptAsync(other, request).ConfigureAwait(false)).All.Count();
        }

        return string.Create(CultureInfo.InvariantCulture, $"{own / (double)pairs.Count:F3} | {injected / (double)pairs.Count:F2} | {(users < 2 ? "n/a" : (stray / (double)pairs.Count).ToString("F2", CultureInfo.InvariantCulture))}");
    }

    private sealed class Outcome
    {
        public List<int?> Ranks { get; } = [];

        public double Top(int k) => Ranks.Count == 0 ? 0 : Ranks.Count(r => r <= k) / (double)Ranks.Count;
    }
}

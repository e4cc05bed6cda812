using System.Diagnostics;
using System.Globalization;
using Memory.Configuration;
using Memory.Embeddings;
using Memory.Model;
using Memory.Retrieval;
using Memory.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TestDoubles;

namespace Benchmarks.Locomo;

/// <summary>LoCoMo retrieval evaluation: each conversation's observations become one user's memories (text, dialogue
/// ids as sources, session date as occurredAt), every non-adversarial question is searched with limit 10 through
/// <see cref="HybridRetriever"/>, and recall@5/@10 (a hit when any returned memory's sources meet the evidence) is
/// reported for BM25 alone, dense alone, RRF and weighted fusion, next to the acceptance check's own BM25.</summary>
internal static class LocomoHarness
{
    private const int Limit = 10;

    // Searches ask for 20 so recall@20 can be read; MMR selects greedily, so their first 10 are what limit 10 returns.
    private const int SearchLimit = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = LocomoSettings.Parse(args);
        var conversations = LocomoDataset.Load(settings.DataDirectory);
        var created = LocomoEmbedders.Create(settings.Embedder);
        var embedder = created is null ? null : new QueryCachingEmbeddingGenerator(created);
        var modelId = embedder is null ? "none" : EmbeddingGenerators.ModelIdOf(embedder);
        Paraphrase.ShippedFusion.ModelId = modelId;
        Console.WriteLine($"LoCoMo: {string.Join(", ", conversations.Select(c => $"{c.Id} ({c.Observations.Count} memories, {c.Questions.Count} questions)"))}; embedder {modelId}");

        var store = new InMemoryMemoryStore();
        var seedWatch = Stopwatch.StartNew();
        foreach (var conversation in conversations)
        {
            await SeedAsync(store, conversation, embedder).ConfigureAwait(false);
        }

        Console.WriteLine($"Seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine("| ranking | recall@5 | recall@10 | " + string.Join(" | ", conversations.Select(c => $"r@10 conv {c.Id}")) + " | MRR@10 | recall@20 |");
        Console.WriteLine("|---|---|---|" + string.Concat(conversations.Select(_ => "---|")) + "---|---|");
        Print("upper bound (evidence in some memory)", UpperBound(conversations));
        Print("check's BM25 (locomo_dev.py)", Baseline(conversations));
        if (settings.Diagnose)
        {
            Console.WriteLine();
            await LocomoDiagnostics.RunAsync(store, embedder ?? EmbeddingGenerators.CreateHash(), conversations, settings).ConfigureAwait(false);
            return 0;
        }

        var configurations = Configurations(settings, embedder is not null).ToList();
        var rounds = new List<double>[configurations.Count];
        for (var c = 0; c < configurations.Count; c++)
        {
            var (name, options) = configurations[c];
            var (recall, latencies) = await EvaluateAsync(store, embedder ?? EmbeddingGenerators.CreateHash(), conversations, options).ConfigureAwait(false);
            Print(name, recall);
            if (settings.Latency)
            {
                latencies.Sort();
                Console.WriteLine($"|   latency in process: p50 {latencies[latencies.Count / 2]:F2} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F2} ms | | |");
            }

            rounds[c] = [];
        }

        if (settings.Latency)
        {
            // Warm rounds, the configurations interleaved so load on the shared machine falls on all alike: the median
            // over rounds of each round's p50 and mean (the query embeddings are cached after the first pass above).
            for (var round = 0; round < LatencyRounds; round++)
            {
                for (var c = 0; c < configurations.Count; c++)
                {
                    var (_, latencies) = await EvaluateAsync(store, embedder ?? EmbeddingGenerators.CreateHash(), conversations, configurations[c].Options).ConfigureAwait(false);
                    latencies.Sort();
                    rounds[c].Add(latencies[latencies.Count / 2]);
                    rounds[c].Add(-latencies.Average()); // means kept negative to tell them apart below
                }
            }

            Console.WriteLine();
            Console.WriteLine($"Warm search latency, {LatencyRounds} interleaved rounds (median over rounds):");
            for (var c = 0; c < configurations.Count; c++)
            {
                var p50 = rounds[c].Where(v => v >= 0).Order().ToList();
                var mean = rounds[c].Where(v => v < 0).Select(v => -v).Order().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {configurations[c].Name} | p50 {p50[p50.Count / 2]:F3} ms | mean {mean[mean.Count / 2]:F3} ms |"));
            }
        }

        return 0;
    }

    private const int LatencyRounds = 7;

    private static IEnumerable<(string Name, RetrievalOptions Options)> Configurations(LocomoSettings settings, bool dense)
    {
        var variants = settings.Brief ? [("shipped default", Paraphrase.ShippedFusion.New())] : Paraphrase.FusionVariants.All(dense, settings.Sweep, o =>
        {
            if (settings.Mmr is { } lambda)
            {
                o.MmrLambda = lambda;
            }
        }, settings.Hub);
        variants = settings.With.Count == 0
            ? variants
            : variants.Append(("default with " + string.Join(", ", settings.With), LocomoDiagnostics.Apply(Paraphrase.ShippedFusion.New(), settings.With)));
        return variants.Concat(settings.Variants.Select(v => ("default with " + v, LocomoDiagnostics.Apply(Paraphrase.ShippedFusion.New(), v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))));
    }

    private static async Task SeedAsync(InMemoryMemoryStore store, LocomoConversation conversation, IEmbeddingGenerator<string, Embedding<float>>? embedder)
    {
        var vectors = embedder is null
            ? null
            : await embedder.GenerateAsync(conversation.Observations.Select(o => o.Text)).ConfigureAwait(false);
        var modelId = embedder is null ? null : EmbeddingGenerators.ModelIdOf(embedder);
        var items = conversation.Observations.Select((o, i) =>
        {
            var at = o.OccurredAt ?? DateTimeOffset.UnixEpoch;
            return new MemoryItem
            {
                Id = $"{conversation.Id}-{i:D4}",
                Text = o.Text,
                Context = "chat",
                Confidence = 1.0,
                OccurredAt = at,
                CreatedAt = at,
                UpdatedAt = at,
                Sources = o.Sources,
                EmbeddingModel = modelId,
                Embedding = vectors?[i].Vector.ToArray(),
            };
        }).ToList();
        await store.UpsertAsync(UserOf(conversation), items).ConfigureAwait(false);
    }

    private static async Task<(Recall Recall, List<double> Latencies)> EvaluateAsync(
        InMemoryMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<LocomoConversation> conversations, RetrievalOptions options)
    {
        var retriever = new HybridRetriever(store, embedder, new TiktokenTokenCounter(), Options.Create(new MemoryOptions()),
            Options.Create(options), TimeProvider.System, NullLogger<HybridRetriever>.Instance,
            new RetrievalDeadline(Options.Create(new RetrievalOptions { DeadlineMilliseconds = 0 }), TimeProvider.System)); // quality, not latency: no deadline
        var recall = new Recall();
        var latencies = new List<double>();
        foreach (var conversation in conversations)
        {
            var user = UserOf(conversation);
            foreach (var question in conversation.Questions)
            {
                var started = Stopwatch.GetTimestamp();
                var results = await retriever.SearchAsync(user, new MemorySearchRequest { Query = question.Text, Limit = SearchLimit }).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                recall.Add(conversation.Id, FirstHit(results.Select(r => r.Memory.Sources), question.Evidence));
            }
        }

        return (recall, latencies);
    }

    private static Recall Baseline(IReadOnlyList<LocomoConversation> conversations)
    {
        var recall = new Recall();
        foreach (var conversation in conversations)
        {
            var documents = conversation.Observations.Select(o => o.Text).ToList();
            foreach (var question in conversation.Questions)
            {
                var top = PythonBm25Baseline.Rank(documents, question.Text, Limit);
                recall.Add(conversation.Id, FirstHit(top.Select(i => conversation.Observations[i].Sources), question.Evidence));
            }
        }

        return recall;
    }

    private static Recall UpperBound(IReadOnlyList<LocomoConversation> conversations)
    {
        var recall = new Recall();
        foreach (var conversation in conversations)
        {
            foreach (var question in conversation.Questions)
            {
                recall.Add(conversation.Id, conversation.Observations.Any(o => o.Sources.Any(question.Evidence.Contains)) ? 1 : null);
            }
        }

        return recall;
    }

    /// <summary>1-based rank of the first result whose sources meet the evidence, or null.</summary>
    private static int? FirstHit(IEnumerable<IReadOnlyList<string>> sources, IReadOnlySet<string> evidence)
    {
        var rank = 0;
        foreach (var list in sources)
        {
            rank++;
            if (list.Any(evidence.Contains))
            {
                return rank;
            }
        }

        return null;
    }

    private static UserKey UserOf(LocomoConversation conversation) => new("locomo", $"locomo-{conversation.Id}");

    private static void Print(string name, Recall recall) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {recall.At(5):F3} | {recall.At(10):F3} | {string.Join(" | ", recall.Conversations.Select(c => recall.At(10, c).ToString("F3", CultureInfo.InvariantCulture)))} | {recall.Mrr(10):F3} | {recall.At(20):F3} |"));

    private sealed class Recall
    {
        private readonly List<(string Conversation, int? Rank)> _outcomes = [];

        public IEnumerable<string> Conversations => _outcomes.Select(o => o.Conversation).Distinct();

        public void Add(string conversation, int? rank) => _outcomes.Add((conversation, rank));

        public double Mrr(int k) => _outcomes.Count == 0 ? 0 : _outcomes.Sum(o => o.Rank <= k ? 1.0 / o.Rank.Value : 0) / _outcomes.Count;

        public double At(int k, string? conversation = null)
        {
            var subset = _outcomes.Where(o => conversation is null || o.Conversation == conversation).ToList();
            return subset.Count == 0 ? 0 : subset.Count(o => o.Rank <= k) / (double)subset.Count;
        }
    }
}

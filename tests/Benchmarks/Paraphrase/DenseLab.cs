using System.Diagnostics;
using System.Globalization;
using Benchmarks.Locomo;
using Memory.Embeddings;
using Memory.Retrieval;
using Microsoft.Extensions.AI;

namespace Benchmarks.Paraphrase;

/// <summary><c>paraphrase-lab</c>: dense-only top-1/top-3 on every paraphrase set for query and memory variants
/// (the question as asked, its declarative rewrite, both averaged; memories as written or also as "The user ..."
/// statements; one model or both averaged), plus each variant's query-embedding cost against the plain question's,
/// measured in the same run. Fast: every text is embedded once.</summary>
internal static class DenseLab
{
    public static async Task<int> RunAsync(string[] args)
    {
        var names = args.Length > 0 ? args : ["minilm", "arctic"];
        var models = names.Select(n => (Name: n, Embedder: LocomoEmbedders.Create(n)!)).ToList();
        foreach (var set in ParaphraseSets.Names)
        {
            var pairs = ParaphraseSets.Load(set);
            var texts = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).ToList();
            var targets = pairs.Select(p => texts.IndexOf(p.Memory)).ToList();
            var views = texts.Select(UserView).ToList();
            Console.WriteLine($"\nSet {set}: {pairs.Count} pairs, {texts.Count} memories");
            Console.WriteLine("| model | memories | query | top-1 | top-3 |");
            Console.WriteLine("|---|---|---|---|---|");
            var perModel = new List<(float[][] Plain, float[][] Views, float[][] Asked, float[][] Rewritten)>();
            foreach (var (name, embedder) in models)
            {
                var plain = await EmbedAsync(embedder, texts, query: false).ConfigureAwait(false);
                var viewed = await EmbedAsync(embedder, views, query: false).ConfigureAwait(false);
                var asked = await EmbedAsync(embedder, pairs.Select(p => p.Question).ToList(), query: true).ConfigureAwait(false);
                var rewritten = await EmbedAsync(embedder, pairs.Select(p => DeclarativeQuery.Rewrite(p.Question)).ToList(), query: true).ConfigureAwait(false);
                perModel.Add((plain, viewed, asked, rewritten));
                Report(name, plain, viewed, asked, rewritten, targets);
            }

            if (perModel.Count == 2)
            {
                var (a, b) = (perModel[0], perModel[1]);
                Report(string.Join('+', names), Concat(a.Plain, b.Plain), Concat(a.Views, b.Views), Concat(a.Asked, b.Asked), Concat(a.Rewritten, b.Rewritten), targets);
            }

            if (set == "dev")
            {
                foreach (var pair in pairs.Take(40))
                {
                    Console.WriteLine($"  rewrite: {pair.Question} -> {DeclarativeQuery.Rewrite(pair.Question)}");
                }
            }
        }

        await CostAsync(models).ConfigureAwait(false);
        return 0;
    }

    private static void Report(string model, float[][] plain, float[][] views, float[][] asked, float[][] rewritten, List<int> targets)
    {
        var both = asked.Select((q, i) => Mean(q, rewritten[i])).ToArray();
        foreach (var (memoryName, scorer) in new (string, Func<float[], int, double>)[]
        {
            ("as written", (q, m) => Dot(q, plain[m])),
            ("max(as written, user view)", (q, m) => Math.Max(Dot(q, plain[m]), Dot(q, views[m]))),
            ("mean(as written, user view)", (q, m) => (Dot(q, plain[m]) + Dot(q, views[m])) / 2),
        })
        {
            foreach (var (queryName, queries) in new[] { ("as asked", asked), ("declarative", rewritten), ("mean(asked, declarative)", both) })
            {
                var (top1, top3) = Score(queries, plain.Length, scorer, targets);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | {memoryName} | {queryName} | {top1:F3} | {top3:F3} |"));
            }

            if (memoryName == "as written")
            {
                // Hubness corrections, computed over the memories alone (no query needed at index time).
                var centroid = Normalise(Enumerable.Range(0, plain[0].Length).Select(d => plain.Average(v => v[d])).ToArray());
                foreach (var share in new[] { 0.5, 1.0 })
                {
                    var centred = plain.Select(v => Normalise(v.Select((x, d) => (float)(x - (share * centroid[d] * v.Zip(centroid).Sum(y => y.First * y.Second)))).ToArray())).ToArray();
                    var (c1, c3) = Score(asked, plain.Length, (q, m) => Dot(q, centred[m]), targets);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | centroid direction removed x{share} | as asked | {c1:F3} | {c3:F3} |"));
                }

                foreach (var (k, alpha) in new[] { (1, 0.3), (3, 0.3), (3, 0.5), (5, 0.5) })
                {
                    // Pseudo-relevance feedback (Rocchio) on the dense side: the query moved towards its own top k.
                    var moved = asked.Select(q =>
                    {
                        var top = Enumerable.Range(0, plain.Length).OrderByDescending(m => Dot(q, plain[m])).Take(k).ToList();
                        return Normalise(q.Select((x, d) => (float)(x + (alpha * top.Average(m => plain[m][d])))).ToArray());
                    }).ToArray();
                    var (f1, f3) = Score(moved, plain.Length, (q, m) => Dot(q, plain[m]), targets);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | as written | pseudo-relevance feedback, top {k}, weight {alpha} | {f1:F3} | {f3:F3} |"));
                }

                var mu = Enumerable.Range(0, plain[0].Length).Select(d => plain.Average(v => v[d])).ToArray();
                var meanCentred = plain.Select(v => Normalise(v.Select((x, d) => x - mu[d]).ToArray())).ToArray();
                var (z1, z3) = Score(asked.Select(q => Normalise(q.Select((x, d) => x - mu[d]).ToArray())).ToArray(), plain.Length, (q, m) => Dot(q, meanCentred[m]), targets);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | mean-centred (query too) | as asked | {z1:F3} | {z3:F3} |"));
                foreach (var k in new[] { 3, 10 })
                {
                    var r = plain.Select((v, m) => plain.Where((_, o) => o != m).Select(o => Dot(v, o)).OrderByDescending(x => x).Take(k).Average()).ToArray();
                    foreach (var beta in new[] { 0.25, 0.5, 1.0 })
                    {
                        var (h1, h3) = Score(asked, plain.Length, (q, m) => Dot(q, plain[m]) - (beta * r[m] / 2), targets);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | CSLS-style: minus {beta}x half mean cosine to {k} nearest memories | as asked | {h1:F3} | {h3:F3} |"));
                    }
                }
            }

            // max over the two query forms
            var (m1, m3) = Score(asked, plain.Length, (q, m) => 0, targets, (i, m) => Math.Max(scorer(asked[i], m), scorer(rewritten[i], m)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {model} | {memoryName} | max(asked, declarative) | {m1:F3} | {m3:F3} |"));
        }
    }

    private static (double Top1, double Top3) Score(float[][] queries, int memoryCount, Func<float[], int, double> scorer, List<int> targets,
        Func<int, int, double>? byIndex = null)
    {
        int top1 = 0, top3 = 0;
        for (var i = 0; i < queries.Length; i++)
        {
            var scores = Enumerable.Range(0, memoryCount).Select(m => byIndex?.Invoke(i, m) ?? scorer(queries[i], m)).ToArray();
            var target = scores[targets[i]];
            var above = scores.Count(s => s > target);
            top1 += above == 0 ? 1 : 0;
            top3 += above < 3 ? 1 : 0;
        }

        return (top1 / (double)queries.Length, top3 / (double)queries.Length);
    }

    /// <summary>A memory restated about "the user": "I'm a nurse" → "The user is a nurse", "My dog" → "The user's dog".</summary>
    internal static string UserView(string text)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = words[i] switch
            {
                "I'm" or "i'm" => "the user is",
                "I've" => "the user has",
                "I'd" => "the user would",
                "I'll" => "the user will",
                "I" => "the user",
                "My" or "my" => "the user's",
                "me" => "the user",
                "me." => "the user.",
                "Our" or "our" => "the user's",
                "We" or "we" => "the user and family",
                "We're" or "we're" => "the user and family are",
                _ => words[i],
            };
        }

        return "About the user: " + string.Join(' ', words);
    }

    private static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, List<string> texts, bool query)
    {
        var generated = await embedder.GenerateAsync(texts, query ? EmbeddingInputs.Query() : null).ConfigureAwait(false);
        return generated.Select(e => Normalise(e.Vector.ToArray())).ToArray();
    }

    private static float[] Normalise(float[] v)
    {
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        return norm > 0 ? v.Select(x => (float)(x / norm)).ToArray() : v;
    }

    private static float[][] Concat(float[][] a, float[][] b) =>
        a.Select((x, i) => x.Concat(b[i]).Select(v => v / MathF.Sqrt(2)).ToArray()).ToArray();

    private static float[] Mean(float[] a, float[] b) => Normalise(a.Select((x, i) => x + b[i]).ToArray());

    private static double Dot(float[] a, float[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    /// <summary>Batch-1 query embedding p50 for: the question (baseline), the rewrite plus the embedding, both forms in
    /// one call, and the question through both models; reported as ratios to the baseline, same run.</summary>
    private static async Task CostAsync(List<(string Name, IEmbeddingGenerator<string, Embedding<float>> Embedder)> models)
    {
        var questions = ParaphraseSets.Load("dev").Select(p => p.Question).ToList();
        var first = models[0].Embedder;
        async Task<double> P50(Func<string, Task> run)
        {
            foreach (var q in questions.Take(20))
            {
                await run(q).ConfigureAwait(false); // warm up
            }

            var times = new List<double>();
            for (var round = 0; round < 3; round++)
            {
                foreach (var q in questions)
                {
                    var started = Stopwatch.GetTimestamp();
                    await run(q + " " + round.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            times.Sort();
            return times[times.Count / 2];
        }

        var baseline = await P50(q => first.GenerateAsync([q], EmbeddingInputs.Query())).ConfigureAwait(false);
        var random = new Random(7);
        var pool = Enumerable.Range(0, 60).Select(_ => (float[]?)Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToList();
        var hubness = await P50(_ =>
        {
            DenseHubness.Compute(pool, 0);
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nHub correction over 60 candidates of 384 dimensions (centroid): {hubness:F3} ms = {hubness / baseline:F3}x one query embedding"));
        var rewrite = await P50(q => first.GenerateAsync([DeclarativeQuery.Rewrite(q)], EmbeddingInputs.Query())).ConfigureAwait(false);
        var both = await P50(q => first.GenerateAsync([q, DeclarativeQuery.Rewrite(q)], EmbeddingInputs.Query())).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nQuery cost ({models[0].Name}, batch 1, p50 over {questions.Count * 3}): question {baseline:F2} ms (1.00); declarative rewrite + embedding {rewrite / baseline:F2}x; question and rewrite in one call {both / baseline:F2}x"));
        if (models.Count == 2)
        {
            var second = models[1].Embedder;
            var ensemble = await P50(async q =>
            {
                await Task.WhenAll(first.GenerateAsync([q], EmbeddingInputs.Query()), second.GenerateAsync([q], EmbeddingInputs.Query())).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var sequential = await P50(async q =>
            {
                await first.GenerateAsync([q], EmbeddingInputs.Query()).ConfigureAwait(false);
                await second.GenerateAsync([q], EmbeddingInputs.Query()).ConfigureAwait(false);
            }).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Ensemble {models[0].Name}+{models[1].Name}: both models in parallel {ensemble / baseline:F2}x, one after the other {sequential / baseline:F2}x"));
        }
    }
}

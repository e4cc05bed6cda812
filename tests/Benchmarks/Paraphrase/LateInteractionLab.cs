using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using Memory.Embeddings.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Benchmarks.Paraphrase;

/// <summary><c>late-lab</c>: dense-only top-1/top-3 on every paraphrase set for MiniLM's sentence cosine and for
/// ColBERT-style late interaction over the same forward pass's token states (MaxSim: each query token's best cosine
/// to a memory token, averaged), alone and added to the cosine, over all memories and as a re-scoring of the
/// cosine's top k. Every text is run once through the fp32 graph.</summary>
internal static class LateInteractionLab
{
    private sealed record Encoded(float[] Pooled, float[][] Tokens);

    public static Task<int> RunAsync(string[] args)
    {
        var precision = args.Contains("int8") ? "model.int8.onnx" : "model.onnx";
        var directory = OnnxEmbeddingGenerators.MiniLmDirectory;
        var tokenizer = SentenceTokenizer.Load(Path.Combine(directory, "vocab.txt"), uncased: true, maxTokens: 256);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(Path.Combine(directory, precision), options);
        foreach (var set in ParaphraseSets.Names)
        {
            var pairs = ParaphraseSets.Load(set);
            var texts = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).ToList();
            var targets = pairs.Select(p => texts.IndexOf(p.Memory)).ToList();
            var memories = texts.Select(t => Encode(session, tokenizer, t)).ToArray();
            var queries = pairs.Select(p => Encode(session, tokenizer, p.Question)).ToArray();
            var mean = MeanToken(memories);
            var centredMemories = memories.Select(m => Centre(m, mean)).ToArray();
            var centredQueries = queries.Select(q => Centre(q, mean)).ToArray();
            Console.WriteLine($"\nSet {set}: {pairs.Count} pairs, {texts.Count} memories");
            Console.WriteLine("| scorer | top-1 | top-3 |");
            Console.WriteLine("|---|---|---|");
            double Cos(int q, int m) => TensorPrimitives.Dot(queries[q].Pooled, memories[m].Pooled);
            Report("cosine (mean pooled)", pairs.Count, texts.Count, targets, Cos);
            foreach (var (name, qs, ms) in new[] { ("raw tokens", queries, memories), ("centred tokens", centredQueries, centredMemories) })
            {
                foreach (var skip in new[] { false, true })
                {
                    var label = $"{name}{(skip ? ", no CLS/SEP" : "")}";
                    double Max(int q, int m) => MaxSim(qs[q].Tokens, ms[m].Tokens, skip);
                    Report($"MaxSim {label}", pairs.Count, texts.Count, targets, Max);
                    double Sym(int q, int m) => (MaxSim(qs[q].Tokens, ms[m].Tokens, skip) + MaxSim(ms[m].Tokens, qs[q].Tokens, skip)) / 2;
                    Report($"symmetric MaxSim {label}", pairs.Count, texts.Count, targets, Sym);
                    foreach (var w in new[] { 0.25, 0.5, 1.0, 2.0 })
                    {
                        Report(string.Create(CultureInfo.InvariantCulture, $"cosine + {w} x MaxSim {label}"), pairs.Count, texts.Count, targets,
                            (q, m) => Cos(q, m) + w * Max(q, m));
                        foreach (var k in new[] { 5, 10 })
                        {
                            Report(string.Create(CultureInfo.InvariantCulture, $"cosine top {k} re-scored, cosine + {w} x MaxSim {label}"), pairs.Count,
                                texts.Count, targets, (q, m) => Cos(q, m) + w * Max(q, m), Cos, k);
                        }
                    }
                }
            }
            Cost(queries, memories);
        }

        return Task.FromResult(0);
    }

    // What the re-scoring adds per query: MaxSim against the cosine's top 10 (token states already in memory), against
    // one batch-1 query pass of the fp32 graph timed in the same loop; and what the memories' token states would hold.
    private static void Cost(Encoded[] queries, Encoded[] memories)
    {
        var sink = 0.0;
        var started = Stopwatch.GetTimestamp();
        var rounds = 0;
        for (; rounds < 20; rounds++)
        {
            foreach (var query in queries)
            {
                for (var m = 0; m < 10; m++)
                {
                    sink += MaxSim(query.Tokens, memories[m].Tokens, skipFrame: false);
                }
            }
        }

        var perQuery = Stopwatch.GetElapsedTime(started).TotalMilliseconds / (rounds * queries.Length);
        var tokens = memories.Average(m => m.Tokens.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MaxSim over a top 10: {perQuery:F3} ms per query ({sink > 0}); memories average {tokens:F1} tokens = {tokens * memories[0].Pooled.Length * 4 / 1024:F1} KiB of token states each (fp32) against 1.5 KiB for the pooled vector"));
    }

    private static void Report(string name, int queries, int memories, List<int> targets, Func<int, int, double> scorer,
        Func<int, int, double>? firstStage = null, int k = 0)
    {
        int top1 = 0, top3 = 0;
        for (var q = 0; q < queries; q++)
        {
            var order = Enumerable.Range(0, memories).ToArray();
            double[] scores;
            if (firstStage is null)
            {
                scores = order.Select(m => scorer(q, m)).ToArray();
            }
            else
            {
                var first = order.Select(m => firstStage(q, m)).ToArray();
                var shortlist = order.OrderByDescending(m => first[m]).Take(k).ToHashSet();
                scores = order.Select(m => shortlist.Contains(m) ? 100 + scorer(q, m) : first[m]).ToArray();
            }

            var target = scores[targets[q]];
            var above = scores.Count(s => s > target);
            top1 += above == 0 ? 1 : 0;
            top3 += above < 3 ? 1 : 0;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {top1 / (double)queries:F3} | {top3 / (double)queries:F3} |"));
    }

    private static double MaxSim(float[][] query, float[][] memory, bool skipFrame)
    {
        var from = skipFrame ? 1 : 0;
        double sum = 0;
        var count = 0;
        for (var i = from; i < query.Length - from; i++)
        {
            var best = double.MinValue;
            for (var j = from; j < memory.Length - from; j++)
            {
                best = Math.Max(best, TensorPrimitives.Dot(query[i], memory[j]));
            }

            sum += best;
            count++;
        }

        return count == 0 ? 0 : sum / count;
    }

    private static float[] MeanToken(Encoded[] memories)
    {
        var mean = new float[memories[0].Pooled.Length];
        var n = 0;
        foreach (var m in memories)
        {
            foreach (var t in m.Tokens)
            {
                TensorPrimitives.Add(mean, t, mean);
                n++;
            }
        }

        TensorPrimitives.Divide(mean, n, mean);
        return mean;
    }


    private static Encoded Centre(Encoded e, float[] mean) => e with
    {
        Tokens = e.Tokens.Select(t =>
        {
            var c = new float[t.Length];
            TensorPrimitives.Subtract(t, mean, c);
            return Normalise(c);
        }).ToArray(),
    };

    private static Encoded Encode(InferenceSession session, SentenceTokenizer tokenizer, string text)
    {
        var ids = tokenizer.Encode(text);
        var n = ids.Length;
        long[] shape = [1, n];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids.Select(i => (long)i).ToArray(), shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, n).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[n], shape);
        var inputs = new Dictionary<string, OrtValue> { ["input_ids"] = inputIds, ["attention_mask"] = mask, ["token_type_ids"] = types };
        var names = session.InputMetadata.Keys.ToArray();
        using var outputs = session.Run(new RunOptions(), names, names.Select(x => inputs[x]).ToArray(), ["last_hidden_state"]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var dims = hidden.Length / n;
        var raw = Enumerable.Range(0, n).Select(t => hidden.AsSpan(t * dims, dims).ToArray()).ToArray();
        var pooled = new float[dims];
        foreach (var t in raw)
        {
            TensorPrimitives.Add(pooled, t, pooled);
        }

        return new Encoded(Normalise(pooled), raw.Select(t => Normalise((float[])t.Clone())).ToArray());
    }

    private static float[] Normalise(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }

        return v;
    }
}

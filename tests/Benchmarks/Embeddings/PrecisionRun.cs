using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Benchmarks.Locomo;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Embeddings;

/// <summary><c>precision [--data DIR] [--model minilm|arctic] [--rounds N]</c>: the int8 variant of a shipped model
/// against its fp32 graph, in one run. Quality: cosine between the two vectors of each of 1,000 real texts (every
/// dialogue turn of the LoCoMo dev conversations, then their observations). Speed: batch-1 latency of the LoCoMo
/// questions for fp32 and int8 with one and two intra-op threads, the four configurations interleaved question by
/// question so that machine noise falls on all of them alike; ratios are against fp32 with two threads (the earlier
/// default on this 2-core machine). For MiniLM also its int8 query graph (<c>model.int8q.onnx</c>, the default for
/// queries): cosine to fp32 on the 1,000 texts and the questions embedded as queries, and its latency in the same run.</summary>
internal static class PrecisionRun
{
    private const int Sentences = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        string? data = null;
        var model = "minilm";
        var rounds = 3;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--model": model = args[++i]; break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --data DIR --model minilm|arctic --rounds N");
            }
        }

        data ??= LocomoSettings.Parse([]).DataDirectory;
        var texts = Texts(data);
        var questions = LocomoDataset.Load(data).SelectMany(c => c.Questions).Select(q => q.Text).ToList();
        Console.WriteLine($"{model}: {texts.Count} LoCoMo texts from {data}; {questions.Count} questions for latency; " +
            $"{Environment.ProcessorCount} processors");

        using var fp32 = Create(model, OnnxPrecision.Fp32, 2);
        using var int8 = Create(model, OnnxPrecision.Int8, 2);
        var a = await fp32.GenerateAsync(texts).ConfigureAwait(false);
        var b = await int8.GenerateAsync(texts).ConfigureAwait(false);
        var scored = a.Zip(b, (x, y) => Cosine(x.Vector.Span, y.Vector.Span)).Select((c, i) => (Cosine: c, Text: texts[i])).OrderBy(p => p.Cosine).ToList();
        var cosines = scored.Select(p => p.Cosine).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cosine int8 vs fp32 over {cosines.Count} texts: min {cosines[0]:F4}, 1st percentile {cosines[cosines.Count / 100]:F4}, " +
            $"median {cosines[cosines.Count / 2]:F4}, mean {cosines.Average():F4}; below 0.98: {cosines.Count(c => c < 0.98)}"));
        foreach (var (cosine, text) in scored.Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cosine:F4} '{text}'"));
        }

        var q32 = await fp32.GenerateAsync(questions, EmbeddingInputs.Query()).ConfigureAwait(false);
        var q8 = await int8.GenerateAsync(questions, EmbeddingInputs.Query()).ConfigureAwait(false);
        var queryCosines = q32.Zip(q8, (x, y) => Cosine(x.Vector.Span, y.Vector.Span)).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cosine int8 vs fp32 over {queryCosines.Count} questions embedded as queries: min {queryCosines[0]:F4}, median {queryCosines[queryCosines.Count / 2]:F4}"));

        using var queryGraph = model == "minilm" ? CreateQueryGraph(1) : null;
        if (queryGraph is not null)
        {
            var t32 = await fp32.GenerateAsync(texts, EmbeddingInputs.Query()).ConfigureAwait(false);
            var tq = await queryGraph.GenerateAsync(texts, EmbeddingInputs.Query()).ConfigureAwait(false);
            var textCosines = t32.Zip(tq, (x, y) => Cosine(x.Vector.Span, y.Vector.Span)).Select((c, i) => (Cosine: c, Text: texts[i])).OrderBy(p => p.Cosine).ToList();
            var qq = await queryGraph.GenerateAsync(questions, EmbeddingInputs.Query()).ConfigureAwait(false);
            var questionCosines = q32.Zip(qq, (x, y) => Cosine(x.Vector.Span, y.Vector.Span)).Order().ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"int8 query graph (model.int8q.onnx) vs fp32, {textCosines.Count} texts embedded as queries: min {textCosines[0].Cosine:F4}, " +
                $"1st percentile {textCosines[textCosines.Count / 100].Cosine:F4}, median {textCosines[textCosines.Count / 2].Cosine:F4}, " +
                $"below 0.98: {textCosines.Count(p => p.Cosine < 0.98)}; {questionCosines.Count} questions: min {questionCosines[0]:F4}, median {questionCosines[questionCosines.Count / 2]:F4}"));
            foreach (var (cosine, text) in textCosines.Take(3))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {cosine:F4} '{text}'"));
            }
        }

        if (rounds == 0)
        {
            return 0;
        }

        using var fp32One = Create(model, OnnxPrecision.Fp32, 1);
        using var int8One = Create(model, OnnxPrecision.Int8, 1);
        List<(string Name, IEmbeddingGenerator<string, Embedding<float>> Generator)> configurations =
            [("fp32, 2 threads", fp32), ("fp32, 1 thread", fp32One), ("int8, 2 threads", int8), ("int8, 1 thread", int8One)];
        if (queryGraph is not null)
        {
            configurations.Add(("int8 query graph, 1 thread", queryGraph));
        }

        var samples = configurations.Select(_ => new List<double>()).ToArray();
        foreach (var question in questions.Take(20))
        {
            foreach (var (_, generator) in configurations)
            {
                await generator.GenerateAsync([question], EmbeddingInputs.Query()).ConfigureAwait(false);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var question in questions)
            {
                for (var c = 0; c < configurations.Count; c++)
                {
                    // Rotate the order so that none is always first after a context switch.
                    var index = (c + round + question.Length) % configurations.Count;
                    var started = Stopwatch.GetTimestamp();
                    await configurations[index].Generator.GenerateAsync([question], EmbeddingInputs.Query()).ConfigureAwait(false);
                    samples[index].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        }

        var baseline = Percentile(samples[0], 0.5);
        Console.WriteLine();
        Console.WriteLine($"batch 1, {samples[0].Count} questions per configuration (mean {questions.Average(q => q.Length):F0} characters), interleaved:");
        Console.WriteLine("| configuration | p50 ms | p90 ms | p99 ms | mean ms | p50 / fp32 2 threads |");
        Console.WriteLine("|---|---|---|---|---|---|");
        for (var c = 0; c < configurations.Count; c++)
        {
            var s = samples[c];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {configurations[c].Name} | {Percentile(s, 0.5):F2} | {Percentile(s, 0.9):F2} | {Percentile(s, 0.99):F2} | {s.Average():F2} | {Percentile(s, 0.5) / baseline:F2} |"));
        }

        return 0;
    }

    /// <summary>fp32 stored texts with MiniLM's default int8 query graph (<c>model.int8q.onnx</c>) for queries.</summary>
    private static IEmbeddingGenerator<string, Embedding<float>> CreateQueryGraph(int threads) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions { QueryPrecision = OnnxPrecision.Int8, IntraOpThreads = threads },
            NullLoggerFactory.Instance, out var generator, out var error) ? generator : throw new InvalidOperationException(error);

    private static IEmbeddingGenerator<string, Embedding<float>> Create(string model, OnnxPrecision precision, int threads)
    {
        var options = new OnnxEmbeddingOptions { Precision = precision, QueryPrecision = precision, IntraOpThreads = threads };
        var ok = model switch
        {
            "minilm" => OnnxEmbeddingGenerators.TryCreateMiniLm(options, NullLoggerFactory.Instance, out var generator, out var error) ? generator : throw new InvalidOperationException(error),
            "arctic" => OnnxEmbeddingGenerators.TryCreateArctic(options, NullLoggerFactory.Instance, out var arctic, out var arcticError) ? arctic : throw new InvalidOperationException(arcticError),
            _ => throw new ArgumentException($"Unknown model '{model}': use minilm or arctic."),
        };
        return ok;
    }

    /// <summary>Every dialogue turn of the conversations in file order, then their observations, up to 1,000.</summary>
    internal static List<string> Texts(string directory)
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement.TryGetProperty("conversation", out var conversation) ? conversation : document.RootElement;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name.StartsWith("session_", StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    texts.AddRange(property.Value.EnumerateArray()
                        .Select(turn => turn.TryGetProperty("text", out var text) ? text.GetString() : null)
                        .OfType<string>()
                        .Where(t => t.Length > 0));
                }
            }
        }

        texts.AddRange(LocomoDataset.Load(directory).SelectMany(c => c.Observations).Select(o => o.Text));
        return texts.Take(Sentences).ToList();
    }

    private static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y) =>
        System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x, y);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}

using System.Diagnostics;
using System.Globalization;
using Benchmarks.Locomo;
using Benchmarks.Paraphrase;
using Memory.Embeddings;
using Memory.Embeddings.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Embeddings;

/// <summary><c>int8-variants [--data DIR] [--speed ROUNDS] NAME=MODEL.onnx ...</c>: MiniLM graphs made by
/// <c>OnnxQuantizer</c> with other options (some MatMuls left in fp32, smoothed inputs) against the fp32 graph:
/// cosine of each query's vector to its fp32 vector over the LoCoMo dev questions, the paraphrase dev questions and the
/// 1,000 LoCoMo texts of <c>precision</c> embedded as queries
/// (min / 1st percentile / median / mean), one variant loaded at a time; then, with <c>--speed</c>, batch-1 latency on
/// one intra-op thread of fp32 and every variant interleaved question by question, as ratios to fp32.</summary>
internal static class QuantizationVariantsRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? data = null;
        var rounds = 0;
        var variants = new List<(string Name, string Path)>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data": data = args[++i]; break;
                case "--speed": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    var parts = args[i].Split('=', 2);
                    if (parts.Length != 2 || !File.Exists(parts[1]))
                    {
                        throw new ArgumentException($"'{args[i]}' is not NAME=MODEL.onnx (an existing file). Options: --data DIR --speed ROUNDS");
                    }

                    variants.Add((parts[0], Path.GetFullPath(parts[1])));
                    break;
            }
        }

        data ??= LocomoSettings.Parse([]).DataDirectory;
        var locomo = LocomoDataset.Load(data).SelectMany(c => c.Questions).Select(q => q.Text).ToList();
        var paraphrase = ParaphraseDevSet.Load(ParaphraseDevSet.DefaultPath()).Select(p => p.Question).ToList();
        var texts = PrecisionRun.Texts(data);
        var shipped = Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2");
        Console.WriteLine($"{locomo.Count} LoCoMo questions, {paraphrase.Count} paraphrase questions, as queries; cosine to fp32");
        using var fp32 = Create(shipped, OnnxPrecision.Fp32);
        var referenceLocomo = await EmbedAsync(fp32, locomo).ConfigureAwait(false);
        var referenceParaphrase = await EmbedAsync(fp32, paraphrase).ConfigureAwait(false);
        var referenceTexts = await EmbedAsync(fp32, texts).ConfigureAwait(false);
        Console.WriteLine($"| variant | LoCoMo q min | 1st pct | median | mean | paraphrase q min | 1st pct | median | mean | {texts.Count} texts as queries min | 1st pct | median | below 0.98 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var directories = new List<string>();
        foreach (var (name, path) in variants)
        {
            var directory = Directory.CreateTempSubdirectory("int8-variant-").FullName;
            directories.Add(directory);
            File.CreateSymbolicLink(Path.Combine(directory, "model.int8.onnx"), path);
            File.CreateSymbolicLink(Path.Combine(directory, "vocab.txt"), Path.Combine(shipped, "vocab.txt"));
            File.CreateSymbolicLink(Path.Combine(directory, "model.onnx"), Path.Combine(shipped, "model.onnx"));
            using var variant = Create(directory, OnnxPrecision.Int8);
            var a = Cosines(referenceLocomo, await EmbedAsync(variant, locomo).ConfigureAwait(false));
            var b = Cosines(referenceParaphrase, await EmbedAsync(variant, paraphrase).ConfigureAwait(false));
            var t = Cosines(referenceTexts, await EmbedAsync(variant, texts).ConfigureAwait(false));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {a[0]:F4} | {a[a.Count / 100]:F4} | {a[a.Count / 2]:F4} | {a.Average():F4} | {b[0]:F4} | {b[b.Count / 100]:F4} | {b[b.Count / 2]:F4} | {b.Average():F4} | {t[0]:F4} | {t[t.Count / 100]:F4} | {t[t.Count / 2]:F4} | {t.Count(c => c < 0.98)} |"));
        }

        if (rounds > 0)
        {
            await SpeedAsync(shipped, variants, directories, locomo, rounds).ConfigureAwait(false);
        }

        foreach (var directory in directories)
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static async Task SpeedAsync(string shipped, List<(string Name, string Path)> variants, List<string> directories,
        List<string> questions, int rounds)
    {
        var generators = new List<(string Name, IEmbeddingGenerator<string, Embedding<float>> Generator)> { ("fp32", Create(shipped, OnnxPrecision.Fp32)) };
        generators.AddRange(variants.Select((v, i) => (v.Name, Create(directories[i], OnnxPrecision.Int8))));
        var samples = generators.Select(_ => new List<double>()).ToArray();
        try
        {
            foreach (var question in questions.Take(20))
            {
                foreach (var (_, generator) in generators)
                {
                    await generator.GenerateAsync([question], EmbeddingInputs.Query()).ConfigureAwait(false);
                }
            }

            for (var round = 0; round < rounds; round++)
            {
                foreach (var question in questions)
                {
                    for (var c = 0; c < generators.Count; c++)
                    {
                        var index = (c + round + question.Length) % generators.Count;
                        var started = Stopwatch.GetTimestamp();
                        await generators[index].Generator.GenerateAsync([question], EmbeddingInputs.Query()).ConfigureAwait(false);
                        samples[index].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
        }
        finally
        {
            foreach (var (_, generator) in generators)
            {
                generator.Dispose();
            }
        }

        var baseline = Median(samples[0]);
        Console.WriteLine();
        Console.WriteLine($"batch 1, 1 intra-op thread, {samples[0].Count} queries each, interleaved:");
        Console.WriteLine("| graph | p50 ms | mean ms | p50 / fp32 | fp32 p50 / p50 (speed-up) |");
        Console.WriteLine("|---|---|---|---|---|");
        for (var c = 0; c < generators.Count; c++)
        {
            var median = Median(samples[c]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {generators[c].Name} | {median:F2} | {samples[c].Average():F2} | {median / baseline:F3} | {baseline / median:F2} |"));
        }
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Create(string directory, OnnxPrecision precision) =>
        OnnxEmbeddingGenerators.TryCreateMiniLm(new OnnxEmbeddingOptions { Precision = precision, QueryPrecision = precision, IntraOpThreads = 1 },
            NullLoggerFactory.Instance, directory, out var generator, out var error)
            ? generator
            : throw new InvalidOperationException(error);

    private static async Task<GeneratedEmbeddings<Embedding<float>>> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> generator, List<string> texts) =>
        await generator.GenerateAsync(texts, EmbeddingInputs.Query()).ConfigureAwait(false);

    private static List<double> Cosines(GeneratedEmbeddings<Embedding<float>> reference, GeneratedEmbeddings<Embedding<float>> other) =>
        reference.Zip(other, (x, y) => (double)System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(x.Vector.Span, y.Vector.Span)).Order().ToList();

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

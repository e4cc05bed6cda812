using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Memory.Embeddings.Onnx;
using MemoryTuner;
using OnnxQuantizer;
using TorchSharp;
using static TorchSharp.torch;

// MemoryTuner: fine-tunes all-MiniLM-L6-v2 for memory search with low-rank adapters (README.md beside this file).
//   parity  --model DIR                          torch forward against ONNX Runtime on the fp32 graph
//   train   --model DIR --data F[,F...] --out ADAPTER [--eval F[,F...]] [--rank 16] [--scale 2] [--epochs 2]
//           [--batch 32] [--lr 2e-4] [--seed 7] [--threads 2] [--locomo DIR]
//   eval    --model DIR --eval F[,F...] [--adapter FILE] [--locomo DIR]
//   reference --model DIR --adapter FILE --texts "A|B"   vectors through the torch model, for the build's test
var options = Arguments.Parse(args.Skip(1));
var command = args.Length > 0 ? args[0] : "";
torch.set_num_threads(int.Parse(options.Get("threads", "2"), CultureInfo.InvariantCulture));
var modelDir = options.Get("model", Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2"));
var tokenizer = SentenceTokenizer.Load(Path.Combine(modelDir, "vocab.txt"), uncased: true, maxTokens: 128);
var rank = int.Parse(options.Get("rank", "16"), CultureInfo.InvariantCulture);
var scale = float.Parse(options.Get("scale", "2"), CultureInfo.InvariantCulture);
if (options.Has("adapter") && command != "train")
{
    // An adapter is evaluated with the rank and scale it was trained with.
    var first = LowRankAdapter.ReadAll(options.Get("adapter", ""))[0];
    (rank, scale) = (first.Rank, first.Scale);
}

using var model = new MiniLmTorch(Path.Combine(modelDir, "model.onnx"), rank, scale);
var encoder = new BatchEncoder(model, tokenizer);
BatchEncoder.QueryPrefix = options.Get("query-prefix", "");

switch (command)
{
    case "parity":
        Parity.Run(modelDir, tokenizer, encoder);
        return 0;
    case "eval":
        if (options.Has("adapter"))
        {
            AdapterIo.Load(model, options.Get("adapter", ""));
        }

        foreach (var file in options.List("eval"))
        {
            Console.WriteLine(Evaluation.Paraphrase(encoder, file));
        }

        if (options.Has("locomo"))
        {
            Console.WriteLine(Evaluation.Locomo(encoder, options.Get("locomo", "")));
        }

        return 0;
    case "reference":
        // One line of 384 floats per text, through the torch model with --adapter: the independent reference the
        // tuned model's test compares the build's merged ONNX graph against.
        AdapterIo.Load(model, options.Get("adapter", ""));
        foreach (var vector in encoder.EncodeAll(options.Get("texts", "").Split('|')))
        {
            Console.WriteLine(string.Join(", ", vector.Select(x => x.ToString("R", CultureInfo.InvariantCulture) + "f")));
        }

        return 0;
    case "train":
        Trainer.Run(model, encoder, options);
        return 0;
    default:
        Console.Error.WriteLine("usage: MemoryTuner parity|train|eval --model DIR ...");
        return 2;
}

internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Arguments Parse(IEnumerable<string> args)
    {
        var result = new Arguments();
        var list = args.ToList();
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            result._values[list[i].TrimStart('-')] = list[i + 1];
        }

        return result;
    }

    public bool Has(string key) => _values.ContainsKey(key);

    public string Get(string key, string fallback) => _values.TryGetValue(key, out var v) ? v : fallback;

    public IReadOnlyList<string> List(string key) =>
        _values.TryGetValue(key, out var v) ? v.Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
}

/// <summary>Tokenizes, pads and encodes texts through the torch model.</summary>
internal sealed class BatchEncoder(MiniLmTorch model, SentenceTokenizer tokenizer)
{
    /// <summary>Put before every search query (training and evaluation), never before a memory.</summary>
    public static string QueryPrefix { get; set; } = "";

    private readonly Dictionary<string, int[]> _ids = new(StringComparer.Ordinal);

    public int[] Ids(string text)
    {
        if (!_ids.TryGetValue(text, out var ids))
        {
            ids = tokenizer.Encode(text);
            _ids[text] = ids;
        }

        return ids;
    }

    public Tensor Encode(IReadOnlyList<string> texts)
    {
        var rows = texts.Select(Ids).ToList();
        var length = rows.Max(r => r.Length);
        var ids = new long[rows.Count * length];
        var mask = new long[rows.Count * length];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var t = 0; t < rows[r].Length; t++)
            {
                ids[r * length + t] = rows[r][t];
                mask[r * length + t] = 1;
            }
        }

        return model.Encode(tensor(ids, [rows.Count, length]), tensor(mask, [rows.Count, length]));
    }

    /// <summary>Embeddings of many texts without gradients, in batches of 64, as float rows.</summary>
    public float[][] EncodeAll(IReadOnlyList<string> texts)
    {
        var result = new float[texts.Count][];
        using var _ = no_grad();
        for (var start = 0; start < texts.Count; start += 64)
        {
            using var scope = NewDisposeScope();
            var batch = texts.Skip(start).Take(64).ToList();
            var vectors = Encode(batch).data<float>().ToArray();
            for (var i = 0; i < batch.Count; i++)
            {
                result[start + i] = vectors.AsSpan(i * 384, 384).ToArray();
            }
        }

        return result;
    }
}

internal static class AdapterIo
{
    public static void Save(MiniLmTorch model, string path)
    {
        var adapters = model.Linears.Select(l => new LowRankAdapter(l.Label, (int)l.W.shape[0], (int)l.W.shape[1], l.Rank, l.Scale,
            l.A.detach().data<float>().ToArray(), l.B.detach().data<float>().ToArray())).ToList();
        LowRankAdapter.WriteAll(path, adapters);
    }

    public static void Load(MiniLmTorch model, string path)
    {
        var byLabel = LowRankAdapter.ReadAll(path).ToDictionary(a => a.Label, StringComparer.Ordinal);
        using var _ = no_grad();
        foreach (var l in model.Linears)
        {
            var a = byLabel[l.Label];
            if (a.Rank != l.Rank || a.K != l.W.shape[0] || a.N != l.W.shape[1])
            {
                throw new InvalidDataException($"{l.Label}: the adapter is rank {a.Rank} [{a.K}, {a.N}], the model rank {l.Rank}.");
            }

            l.A.copy_(tensor(a.A, l.A.shape));
            l.B.copy_(tensor(a.B, l.B.shape));
        }
    }
}

internal static class Parity
{
    public static void Run(string modelDir, SentenceTokenizer tokenizer, BatchEncoder encoder)
    {
        string[] texts = ["This is an example sentence", "What do I do for a living?", "I'm a paediatric nurse at St Mary's hospital.", "ok"];
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(modelDir, "model.onnx"));
        var torchVectors = encoder.EncodeAll(texts);
        for (var i = 0; i < texts.Length; i++)
        {
            var ids = tokenizer.Encode(texts[i]).Select(x => (long)x).ToArray();
            var shape = new long[] { 1, ids.Length };
            using var inputIds = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var mask = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(ids.Select(_ => 1L).ToArray(), shape);
            using var types = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            var inputs = new Dictionary<string, Microsoft.ML.OnnxRuntime.OrtValue> { ["input_ids"] = inputIds, ["attention_mask"] = mask, ["token_type_ids"] = types };
            using var outputs = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), inputs, [session.OutputNames[0]]);
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var pooled = new float[384];
            for (var t = 0; t < ids.Length; t++)
            {
                for (var d = 0; d < 384; d++)
                {
                    pooled[d] += hidden[t * 384 + d] / ids.Length;
                }
            }

            var norm = MathF.Sqrt(pooled.Sum(x => x * x));
            var cosine = pooled.Zip(torchVectors[i]).Sum(p => p.First / norm * p.Second);
            Console.WriteLine($"{texts[i]}: cosine torch vs ORT {cosine:F6} (output {session.OutputNames[0]})");
        }
    }
}

internal sealed record TrainingPair(string Memory, string Question, IReadOnlyList<string> Negatives);

internal static class Evaluation
{
    public static List<(string Memory, string Question, List<string> Distractors)> ReadEval(string file) =>
        File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(l =>
        {
            var e = JsonDocument.Parse(l).RootElement;
            var d = e.TryGetProperty("distractors", out var dv) ? dv.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
            return (e.GetProperty("memory").GetString()!, e.GetProperty("question").GetString()!, d);
        }).ToList();

    /// <summary>Dense-only top-1 / top-3 with one user holding every memory and distractor of the set.</summary>
    public static string Paraphrase(BatchEncoder encoder, string file)
    {
        var pairs = ReadEval(file);
        var memories = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).Distinct(StringComparer.Ordinal).ToList();
        var memoryVectors = encoder.EncodeAll(memories);
        var questionVectors = encoder.EncodeAll(pairs.Select(p => BatchEncoder.QueryPrefix + p.Question).ToList());
        int top1 = 0, top3 = 0;
        for (var i = 0; i < pairs.Count; i++)
        {
            var target = memories.IndexOf(pairs[i].Memory);
            var q = questionVectors[i];
            var targetScore = Dot(q, memoryVectors[target]);
            var above = memoryVectors.Count(m => Dot(q, m) > targetScore);
            top1 += above == 0 ? 1 : 0;
            if (above > 0 && Environment.GetEnvironmentVariable("MISSES") == "1")
            {
                var best = Enumerable.Range(0, memories.Count).MaxBy(j => Dot(q, memoryVectors[j]));
                Console.WriteLine($"  miss: {pairs[i].Question} | want {pairs[i].Memory} ({targetScore:F2}) | got {memories[best]} ({Dot(q, memoryVectors[best]):F2})");
            }

            top3 += above < 3 ? 1 : 0;
        }

        return $"{Path.GetFileName(file)}: top-1 {top1 / (double)pairs.Count:F3} top-3 {top3 / (double)pairs.Count:F3} ({pairs.Count} pairs)";
    }

    /// <summary>Dense-only recall@10 over LoCoMo conversations (observations as memories, sources against evidence).</summary>
    public static string Locomo(BatchEncoder encoder, string directory)
    {
        double hits = 0, total = 0;
        foreach (var conversation in LocomoPairs.Conversations(directory))
        {
            var vectors = encoder.EncodeAll(conversation.Observations.Select(o => o.Text).ToList());
            var questions = encoder.EncodeAll(conversation.Questions.Select(q => BatchEncoder.QueryPrefix + q.Question).ToList());
            for (var i = 0; i < questions.Length; i++)
            {
                var top = Enumerable.Range(0, vectors.Length).OrderByDescending(j => Dot(questions[i], vectors[j])).Take(10);
                hits += top.Any(j => conversation.Observations[j].Sources.Any(conversation.Questions[i].Evidence.Contains)) ? 1 : 0;
                total++;
            }
        }

        return $"locomo dense recall@10 {hits / total:F3} ({total} questions)";
    }

    public static float Dot(float[] a, float[] b)
    {
        var s = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}

/// <summary>Drops training pairs close to any evaluation text (the paraphrase sets named by --exclude and the admin
/// probe's own cases): a memory or question whose base-model cosine to an evaluation memory, distractor or question is
/// 0.9 or more, or whose content terms are the same set.</summary>
internal static class Leakage
{
    public static List<TrainingPair> Filter(BatchEncoder encoder, List<TrainingPair> pairs, IReadOnlyList<string> files)
    {
        var evaluation = files.SelectMany(f => Evaluation.ReadEval(f).SelectMany(p => p.Distractors.Prepend(p.Memory).Append(p.Question)))
            .Concat(Memory.Probe.ProbeCases.Paraphrases.SelectMany(p => new[] { p.Memory, p.Question }))
            .Concat(Memory.Probe.ProbeCases.Distractors)
            .Distinct(StringComparer.Ordinal).ToList();
        if (evaluation.Count == 0)
        {
            return pairs;
        }

        static string Key(string text) => string.Join(' ', Memory.Text.TextAnalyzer.Terms(text).Distinct().Order(StringComparer.Ordinal));
        var keys = evaluation.Select(Key).ToHashSet(StringComparer.Ordinal);
        var evalVectors = encoder.EncodeAll(evaluation);
        var texts = pairs.SelectMany(p => new[] { p.Memory, p.Question }).Distinct(StringComparer.Ordinal).ToList();
        var vectors = encoder.EncodeAll(texts);
        var close = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            if (keys.Contains(Key(texts[i])) || evalVectors.Any(e => Evaluation.Dot(e, vectors[i]) >= 0.9f))
            {
                close.Add(texts[i]);
            }
        }

        var kept = pairs.Where(p => !close.Contains(p.Memory) && !close.Contains(p.Question)).ToList();
        Console.WriteLine($"leakage filter: {pairs.Count - kept.Count} of {pairs.Count} pairs dropped as close to {evaluation.Count} evaluation texts");
        foreach (var text in close.Take(15))
        {
            Console.WriteLine("  dropped: " + text);
        }

        return kept;
    }
}

internal static class Trainer
{
    public static void Run(MiniLmTorch model, BatchEncoder encoder, Arguments options)
    {
        var pairs = new List<TrainingPair>();
        foreach (var file in options.List("data"))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Trim().Length > 0))
            {
                var e = JsonDocument.Parse(line).RootElement;
                var negatives = e.TryGetProperty("negatives", out var n) ? n.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
                pairs.Add(new TrainingPair(e.GetProperty("memory").GetString()!, e.GetProperty("question").GetString()!, negatives));
            }
        }

        pairs = Leakage.Filter(encoder, pairs, options.List("exclude"));
        if (options.Has("locomo"))
        {
            var locomo = LocomoPairs.Training(options.Get("locomo", "")).ToList();
            for (var r = int.Parse(options.Get("locomo-repeat", "1"), CultureInfo.InvariantCulture); r > 0; r--)
            {
                pairs.AddRange(locomo);
            }
        }

        var epochs = int.Parse(options.Get("epochs", "2"), CultureInfo.InvariantCulture);
        var batch = int.Parse(options.Get("batch", "32"), CultureInfo.InvariantCulture);
        var lr = double.Parse(options.Get("lr", "2e-4"), CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(options.Get("seed", "7"), CultureInfo.InvariantCulture));
        torch.manual_seed(int.Parse(options.Get("seed", "7"), CultureInfo.InvariantCulture));
        var evals = options.List("eval");
        var optimizer = optim.AdamW(model.TrainableParameters(), lr, weight_decay: 0.0);
        var steps = epochs * (pairs.Count / batch);
        var warmup = Math.Max(1, steps / 10);
        Console.WriteLine($"{pairs.Count} pairs, {steps} steps of {batch}, rank {model.Linears[0].Rank}");
        foreach (var file in evals)
        {
            Console.WriteLine("before: " + Evaluation.Paraphrase(encoder, file));
        }

        var step = 0;
        var clock = Stopwatch.StartNew();
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = pairs.OrderBy(_ => random.Next()).ToList();
            double running = 0;
            for (var start = 0; start + batch <= order.Count; start += batch, step++)
            {
                using var scope = NewDisposeScope();
                var slice = order.GetRange(start, batch);
                var documents = slice.Select(p => p.Memory).Concat(slice.Select(p => p.Negatives.Count > 0 ? p.Negatives[random.Next(p.Negatives.Count)] : null).OfType<string>()).ToList();
                var q = encoder.Encode(slice.Select(p => BatchEncoder.QueryPrefix + p.Question).ToList());
                var d = encoder.Encode(documents);
                var scores = q.matmul(d.t()) * 20.0f;
                var loss = nn.functional.cross_entropy(scores, arange(batch, dtype: ScalarType.Int64));
                var rate = lr * Math.Min(1.0, (step + 1) / (double)warmup) * Math.Max(0.0, (steps - step) / (double)Math.Max(1, steps - warmup));
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = Math.Min(lr, rate);
                }

                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
                running += loss.item<float>();
                if ((step + 1) % 20 == 0)
                {
                    Console.WriteLine($"epoch {epoch} step {step + 1}/{steps} loss {running / 20:F4} {clock.Elapsed.TotalSeconds:F0}s");
                    running = 0;
                }
            }

            foreach (var file in evals)
            {
                Console.WriteLine($"epoch {epoch}: " + Evaluation.Paraphrase(encoder, file));
            }

            if (options.Has("locomo-eval"))
            {
                Console.WriteLine($"epoch {epoch}: " + Evaluation.Locomo(encoder, options.Get("locomo-eval", "")));
            }

            AdapterIo.Save(model, options.Get("out", "adapter.bin"));
        }
    }
}

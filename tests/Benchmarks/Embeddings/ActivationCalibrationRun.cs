using System.Globalization;
using System.Text.Json;
using Memory.Embeddings.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Benchmarks.Embeddings;

/// <summary><c>int8-calibrate --model CALIB.onnx --texts FILE.jsonl --out STATS.json [--vocab vocab.txt]</c>: runs the
/// fp32 model that <c>OnnxQuantizer --expose</c> wrote (every constant-weight MatMul's input is an output) over the
/// <c>text</c> field of each line of a JSON-lines file, one text at a time, and writes each MatMul input's per-channel
/// max |activation| over all tokens: the statistics <c>OnnxQuantizer --smooth</c> reads.</summary>
internal static class ActivationCalibrationRun
{
    public static int Run(string[] args)
    {
        string? model = null, texts = null, output = null;
        var vocab = Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2", "vocab.txt");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--model": model = args[++i]; break;
                case "--texts": texts = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--vocab": vocab = args[++i]; break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --model CALIB.onnx --texts FILE.jsonl --out STATS.json [--vocab FILE]");
            }
        }

        if (model is null || texts is null || output is null)
        {
            throw new ArgumentException("--model, --texts and --out are required.");
        }

        var samples = File.ReadLines(texts).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? string.Empty)
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var tokenizer = SentenceTokenizer.Load(vocab, uncased: true, maxTokens: 256);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var outputs = session.OutputMetadata.Keys.Where(k => k != "last_hidden_state" && k != "pooler_output").ToList();
        var maxima = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var text in samples)
        {
            var ids = tokenizer.Encode(text).Select(id => (long)id).ToArray();
            var shape = new long[] { 1, ids.Length };
            using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
            using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, ids.Length).ToArray(), shape);
            using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
            var inputs = session.InputNames.Select(n => n switch { "input_ids" => inputIds, "attention_mask" => mask, _ => types }).ToList();
            using var results = session.Run(new RunOptions(), session.InputNames, inputs, outputs);
            for (var o = 0; o < outputs.Count; o++)
            {
                var values = results[o].GetTensorDataAsSpan<float>();
                var channels = (int)results[o].GetTensorTypeAndShape().Shape[^1];
                if (!maxima.TryGetValue(outputs[o], out var max))
                {
                    maxima[outputs[o]] = max = new float[channels];
                }

                for (var v = 0; v < values.Length; v++)
                {
                    max[v % channels] = Math.Max(max[v % channels], Math.Abs(values[v]));
                }
            }
        }

        // Five significant digits: the file is committed (Memory/build/OnnxQuantizer/calibration) and read by the build.
        File.WriteAllText(output, JsonSerializer.Serialize(maxima.ToDictionary(
            p => p.Key, p => p.Value.Select(v => float.Parse(v.ToString("G5", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray(),
            StringComparer.Ordinal)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{samples.Count} texts, {maxima.Count} MatMul inputs -> {output}"));
        foreach (var (name, max) in maxima)
        {
            var sorted = max.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name}: {max.Length} channels, max {sorted[^1]:F2}, 2nd {sorted[^2]:F2}, median {sorted[sorted.Length / 2]:F2}"));
        }

        return 0;
    }
}

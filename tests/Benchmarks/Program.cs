using BenchmarkDotNet.Running;

namespace Benchmarks;

/// <summary>Entry point: <c>locomo [options]</c> runs the LoCoMo retrieval evaluation, <c>paraphrase [options]</c> the paraphrase
/// sets' (dev, held-out, probe) per-fusion top-1/top-3, <c>paraphrase-lab [embedders]</c> dense-only query and memory
/// variants on the same sets with their per-query cost, <c>precision [options]</c> compares
/// a shipped model's int8 variant with its fp32 graph (cosine, batch-1 latency), <c>int8-variants</c> and
/// <c>int8-calibrate</c> other quantizations of MiniLM (OnnxQuantizer options) and their calibration, <c>overhead [calls]</c> the
/// gateway overhead load run, <c>guard-linear</c> the guardrail checks on hostile megabyte inputs, <c>extraction [options]</c> the labelled
/// extraction set through the heuristic or an LLM, <c>qdrant-loopback [--port 6334]</c> the loopback Qdrant as a standalone
/// server, <c>cluster-overhead [calls]</c> what a Redis-backed replica adds per request; anything else goes
/// to BenchmarkDotNet's switcher (<c>--filter *</c>, <c>--list flat</c>).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "locomo")
        {
            return await Locomo.LocomoHarness.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "precision")
        {
            return await Embeddings.PrecisionRun.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "int8-variants")
        {
            return await Embeddings.QuantizationVariantsRun.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "int8-calibrate")
        {
            return Embeddings.ActivationCalibrationRun.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "guard-linear")
        {
            return GuardChecks.CheckLinearityRun.Run();
        }

        if (args.Length > 0 && args[0] == "extraction")
        {
            return await Extraction.ExtractionCommand.RunAsync(args[1..], Console.Out).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "adapter-export")
        {
            return await Paraphrase.AdapterExport.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "dedup-lab")
        {
            return await Dedup.DedupLab.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "paraphrase-lab")
        {
            return await Paraphrase.DenseLab.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "answer-type-cost")
        {
            return await Paraphrase.AnswerTypeCost.RunAsync().ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "late-lab")
        {
            return await Paraphrase.LateInteractionLab.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "paraphrase")
        {
            return await Paraphrase.ParaphraseHarness.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "overhead")
        {
            return await Overhead.OverheadRun.RunAsync(args).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "qdrant-loopback")
        {
            return await Cluster.QdrantLoopbackCommand.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "cluster-overhead")
        {
            return await Cluster.ClusterOverheadRun.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

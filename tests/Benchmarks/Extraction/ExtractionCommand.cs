using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using Gateway.Prompts;
using Memory.Configuration;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Extraction.Evaluation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Benchmarks.Extraction;

/// <summary><c>extraction</c>: runs the labelled extraction set (tests/Memory.Tests/WriteBack/Data/extraction-set.jsonl)
/// through the heuristic extractor, or with <c>--base-url</c> and <c>--model</c> through the project's own <c>llm</c>
/// extractor (prompts/memory-extract.yaml, schema validation, retry, heuristic fallback) against any OpenAI-compatible
/// model, and prints precision and recall per category. With <c>--conversations DIR</c> it runs every turn of LoCoMo
/// conversations instead and prints how many memories that chit-chat would leave (<c>--failures</c> lists them, to be
/// read: none is labelled).</summary>
public static class ExtractionCommand
{
    /// <summary>The labelled set, relative to the repository root.</summary>
    public const string DefaultSet = "tests/Memory.Tests/WriteBack/Data/extraction-set.jsonl";

    /// <summary>Runs the command; 0 on success, 2 for bad arguments or a missing set or prompt.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var (settings, error) = ExtractionSettings.Parse(args);
        if (settings is null)
        {
            await output.WriteLineAsync($"extraction: {error}").ConfigureAwait(false);
            return 2;
        }

        var conversations = settings.ConversationsDirectory;
        if (conversations is not null && !Directory.Exists(conversations))
        {
            await output.WriteLineAsync($"extraction: conversations directory not found ({conversations})").ConfigureAwait(false);
            return 2;
        }

        var setPath = conversations ?? settings.SetPath ?? ExtractionSettings.FindUp(DefaultSet);
        if (setPath is null || (conversations is null && !File.Exists(setPath)))
        {
            await output.WriteLineAsync($"extraction: set not found ({settings.SetPath ?? DefaultSet}); pass --set PATH").ConfigureAwait(false);
            return 2;
        }

        var cases = (conversations is null ? ExtractionSet.Load(setPath) : ConversationTurns.Load(conversations))
            .Where(c => settings.Split is null || c.Split == settings.Split).ToList();
        var wb = Options.Create(new WriteBackOptions { LlmResponseFormat = settings.ResponseFormat });
        var heuristic = new HeuristicFactExtractor(wb);
        IFactExtractor extractor = heuristic;
        var counter = new FallbackCounter();
        CountingExtractor? counting = null;
        IChatClient? chat = null;
        if (settings.BaseUrl is not null)
        {
            var prompts = settings.PromptsDirectory ?? ExtractionSettings.FindUp("prompts");
            if (prompts is null || !File.Exists(Path.Combine(prompts, LlmFactExtractor.TemplateName + ".yaml")))
            {
                await output.WriteLineAsync("extraction: prompts/memory-extract.yaml not found; pass --prompts DIR").ConfigureAwait(false);
                return 2;
            }

            chat = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "no-key"), new OpenAIClientOptions { Endpoint = new Uri(settings.BaseUrl) })
                .GetChatClient(settings.Model!)
                .AsIChatClient();
            var renderer = new PromptRenderer(new PromptTemplateStore(prompts, NullLogger<PromptTemplateStore>.Instance));
            var memory = Options.Create(new MemoryOptions { Extraction = new ExtractionOptions { Mode = "llm", Model = settings.Model } });
            var llm = new LlmCalls(chat, renderer, memory, wb);
            counting = new CountingExtractor(new LlmFactExtractor(llm, heuristic, wb, memory, TimeProvider.System, counter));
            extractor = counting;
        }

        try
        {
            var path = settings.BaseUrl is null ? "heuristic" : $"llm ({settings.Model} at {settings.BaseUrl}, response format {settings.ResponseFormat})";
            await output.WriteLineAsync($"Extraction set {Path.GetFileName(setPath)}: {cases.Count} turns ({cases.Count(c => !c.MustStoreNothing)} with facts, " +
                                        $"{cases.Count(c => c.MustStoreNothing)} that must store nothing); extractor: {path}").ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            var report = await ExtractionEvaluation.RunAsync(extractor, cases, cancellationToken: cancellationToken).ConfigureAwait(false);
            watch.Stop();

            await output.WriteLineAsync().ConfigureAwait(false);
            var failures = report.Failures().ToList();
            if (conversations is null)
            {
                await output.WriteAsync(report.ToMarkdown()).ConfigureAwait(false);
            }
            else
            {
                var turnsStoring = report.Outcomes.Count(o => o.Wrong.Count > 0);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{failures.Count} memories from {cases.Count} turns ({100.0 * failures.Count / Math.Max(1, cases.Count):F1} per 100 turns; " +
                    $"{turnsStoring} turns stored something). Read them with --failures: these turns are not labelled.")).ConfigureAwait(false);
            }

            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{cases.Count} turns in {watch.Elapsed.TotalSeconds:F1} s ({watch.Elapsed.TotalMilliseconds / Math.Max(1, cases.Count):F2} ms per turn)")).ConfigureAwait(false);
            if (counting is not null)
            {
                await output.WriteLineAsync($"LLM path: {counter.Fallbacks} turns fell back to the heuristic (answer invalid twice), " +
                                            $"{counting.Errors} turns failed with an upstream error (counted as storing nothing)").ConfigureAwait(false);
            }

            if (settings.ShowFailures)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                foreach (var line in failures)
                {
                    // A conversation turn has no label: what it stored is listed, not judged.
                    await output.WriteLineAsync(conversations is null ? line : string.Concat("STORED", line.AsSpan(Math.Min(line.Length, 5)))).ConfigureAwait(false);
                }
            }

            return 0;
        }
        finally
        {
            chat?.Dispose();
        }
    }
}

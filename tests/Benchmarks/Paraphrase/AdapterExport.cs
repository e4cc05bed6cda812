using System.Text.Json;
using Benchmarks.Locomo;
using Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Benchmarks.Paraphrase;

/// <summary><c>adapter-export OUT_DIR [LOCOMO_DIR...]</c>: the shipped MiniLM's vectors of every paraphrase set and of
/// LoCoMo conversations (memories as stored, questions as queries), as JSON for a query-adapter lab.</summary>
internal static class AdapterExport
{
    public static async Task<int> RunAsync(string[] args)
    {
        var output = args[0];
        Directory.CreateDirectory(output);
        var embedder = LocomoEmbedders.Create("minilm")!;
        foreach (var set in ParaphraseSets.Names)
        {
            var pairs = ParaphraseSets.Load(set);
            var texts = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).Distinct().ToList();
            var targets = pairs.Select(p => texts.IndexOf(p.Memory)).ToList();
            var memories = await EmbedAsync(embedder, texts, query: false).ConfigureAwait(false);
            var questions = await EmbedAsync(embedder, pairs.Select(p => p.Question).ToList(), query: true).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(output, $"para-{set}.json"), JsonSerializer.Serialize(new
            {
                memories,
                questions,
                targets,
                domains = pairs.Select(p => p.Domain).ToList(),
                memoryTexts = texts,
                questionTexts = pairs.Select(p => p.Question).ToList(),
            })).ConfigureAwait(false);
            Console.WriteLine($"{set}: {texts.Count} memories, {pairs.Count} questions");
        }

        foreach (var directory in args.Skip(1))
        {
            var name = Path.GetFileName(directory.TrimEnd('/'));
            var conversations = new List<object>();
            foreach (var conversation in LocomoDataset.Load(directory))
            {
                var memories = await EmbedAsync(embedder, conversation.Observations.Select(o => o.Text).ToList(), query: false).ConfigureAwait(false);
                var questions = await EmbedAsync(embedder, conversation.Questions.Select(q => q.Text).ToList(), query: true).ConfigureAwait(false);
                var positives = conversation.Questions.Select(q => conversation.Observations
                    .Select((o, i) => (o, i)).Where(x => x.o.Sources.Any(q.Evidence.Contains)).Select(x => x.i).ToList()).ToList();
                conversations.Add(new { id = conversation.Id, memories, questions, positives, categories = conversation.Questions.Select(q => q.Category).ToList() });
                Console.WriteLine($"{name}/{conversation.Id}: {memories.Length} memories, {questions.Length} questions");
            }

            await File.WriteAllTextAsync(Path.Combine(output, $"locomo-{name}.json"), JsonSerializer.Serialize(conversations)).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task<float[][]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, List<string> texts, bool query)
    {
        var generated = await embedder.GenerateAsync(texts, query ? EmbeddingInputs.Query() : null).ConfigureAwait(false);
        return generated.Select(e =>
        {
            var v = e.Vector.ToArray();
            var norm = Math.Sqrt(v.Sum(x => (double)x * x));
            return v.Select(x => (float)(x / norm)).ToArray();
        }).ToArray();
    }
}

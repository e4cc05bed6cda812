using System.Diagnostics;
using System.Globalization;
using Memory.Model;
using Memory.Retrieval;
using Memory.Retrieval.QueryForms;

namespace Benchmarks.Paraphrase;

/// <summary><c>answer-type-cost</c>: what the answer-type prior adds to a search: reading the question's type, and for a
/// typed question looking up 60 candidates' types (the retriever's usual pool; each memory's text is read once per
/// index, so the first pass pays it), per untyped and typed dev question, with the one-off read of a memory beside.</summary>
internal static class AnswerTypeCost
{
    public static async Task<int> RunAsync()
    {
        var pairs = ParaphraseSets.Load("dev");
        var questions = pairs.Select(p => p.Question).ToArray();
        var typed = questions.Where(q => AnswerTypes.Expected(q) != AnswerType.None).ToArray();
        var untyped = questions.Except(typed).ToArray();
        var texts = pairs.SelectMany(p => p.Distractors.Prepend(p.Memory)).Take(60).ToArray();
        var sink = 0;
        for (var warm = 0; warm < 50; warm++)
        {
            foreach (var text in texts)
            {
                sink += AnswerTypes.Mask(text);
            }
        }

        var started = Stopwatch.GetTimestamp();
        const int ReadRounds = 50;
        for (var round = 0; round < ReadRounds; round++)
        {
            foreach (var text in texts)
            {
                sink += AnswerTypes.Mask(text);
            }
        }

        var perMemory = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / (ReadRounds * texts.Length);
        started = Stopwatch.GetTimestamp();
        IndexedMemory[] documents = [];
        for (var round = 0; round < ReadRounds; round++)
        {
            documents = texts.Select((t, i) => IndexedMemory.Analyse(new MemoryItem { Id = $"m{i}", Text = t })).ToArray();
        }

        var analyseMicros = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / (ReadRounds * texts.Length);
        var embedder = Locomo.LocomoEmbedders.Create("minilm")!;
        foreach (var question in questions.Take(10))
        {
            await embedder.GenerateAsync([question], Memory.Embeddings.EmbeddingInputs.Query()).ConfigureAwait(false);
        }

        started = Stopwatch.GetTimestamp();
        foreach (var question in questions.Skip(10).Take(60))
        {
            await embedder.GenerateAsync([question], Memory.Embeddings.EmbeddingInputs.Query()).ConfigureAwait(false);
        }

        var embedMicros = Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / 60;
        var untypedMicros = Time(untyped, documents, ref sink);
        var typedMicros = Time(typed, documents, ref sink);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answer-type prior: {typed.Length} of {questions.Length} dev questions typed; per query {untypedMicros:F1} us untyped, {typedMicros:F1} us typed (60 candidates, types cached); reading one memory's types once {perMemory:F1} us (analysing it for BM25 at index build {analyseMicros:F1} us); one MiniLM query embedding in the same run {embedMicros:F0} us ({sink})"));
        return 0;
    }

    private static double Time(string[] questions, IndexedMemory[] documents, ref int sink)
    {
        const int Rounds = 200;
        for (var warm = 0; warm < 3; warm++)
        {
            sink += Pass(questions, documents);
        }

        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < Rounds; round++)
        {
            sink += Pass(questions, documents);
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1000 / (Rounds * Math.Max(1, questions.Length));
    }

    private static int Pass(string[] questions, IndexedMemory[] documents)
    {
        var matches = 0;
        foreach (var question in questions)
        {
            var type = AnswerTypes.Expected(question);
            if (type == AnswerType.None)
            {
                continue;
            }

            foreach (var document in documents)
            {
                matches += document.Holds(type) ? 1 : 0;
            }
        }

        return matches;
    }
}

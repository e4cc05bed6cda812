using System.Text.Json;
using System.Text.RegularExpressions;

namespace MemoryTuner;

/// <summary>LoCoMo conversations read as tests/Benchmarks/Locomo/LocomoDataset.cs reads them (observations with their
/// dialogue sources, non-adversarial questions with their evidence), and training pairs made from them: each question
/// with the observation that carries its evidence, the most question-like other observation of the same speaker as
/// its negative.</summary>
internal static partial class LocomoPairs
{
    internal sealed record Observation(string Text, IReadOnlyList<string> Sources);

    internal sealed record Qa(string Question, IReadOnlySet<string> Evidence);

    internal sealed record Conversation(string Id, List<Observation> Observations, List<Qa> Questions);

    public static IEnumerable<Conversation> Conversations(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = document.RootElement;
            var observations = new List<Observation>();
            foreach (var property in root.EnumerateObject())
            {
                if (!ObservationKey().IsMatch(property.Name))
                {
                    continue;
                }

                foreach (var speaker in property.Value.EnumerateObject())
                {
                    foreach (var entry in speaker.Value.EnumerateArray())
                    {
                        var dia = entry[1];
                        IReadOnlyList<string> sources = dia.ValueKind == JsonValueKind.Array
                            ? dia.EnumerateArray().Select(d => d.GetString() ?? "").ToList()
                            : [dia.GetString() ?? ""];
                        observations.Add(new Observation(entry[0].GetString() ?? "", sources));
                    }
                }
            }

            var questions = new List<Qa>();
            foreach (var qa in root.GetProperty("qa").EnumerateArray())
            {
                if (qa.TryGetProperty("category", out var c) && c.GetInt32() == 5)
                {
                    continue;
                }

                questions.Add(new Qa(qa.GetProperty("question").GetString() ?? "",
                    qa.GetProperty("evidence").EnumerateArray().Select(e => e.GetString() ?? "").ToHashSet(StringComparer.Ordinal)));
            }

            yield return new Conversation(Path.GetFileNameWithoutExtension(file), observations, questions);
        }
    }

    public static IEnumerable<TrainingPair> Training(string directory)
    {
        var random = new Random(11);
        foreach (var conversation in Conversations(directory))
        {
            foreach (var qa in conversation.Questions)
            {
                var positives = conversation.Observations.Where(o => o.Sources.Any(qa.Evidence.Contains)).ToList();
                if (positives.Count != 1)
                {
                    continue; // multi-hop or unanswerable: no single memory is the answer
                }

                var others = conversation.Observations.Where(o => !o.Sources.Any(qa.Evidence.Contains)).ToList();
                yield return new TrainingPair(positives[0].Text, qa.Question, [others[random.Next(others.Count)].Text]);
            }
        }
    }

    [GeneratedRegex(@"^session_(\d+)_observation$")]
    private static partial Regex ObservationKey();
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Benchmarks.Locomo;

/// <summary>Reads the LoCoMo files the way the acceptance check's <c>locomo_dev.py</c> does: observations in file
/// order (session, then speaker), occurredAt from the session's date, every question except adversarial ones
/// (category 5).</summary>
internal static partial class LocomoDataset
{
    public static IReadOnlyList<LocomoConversation> Load(string directory)
    {
        var conversations = new List<LocomoConversation>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            conversations.Add(Read(Path.GetFileNameWithoutExtension(file), document.RootElement));
        }

        return conversations;
    }

    private static LocomoConversation Read(string id, JsonElement root)
    {
        var observations = new List<LocomoObservation>();
        foreach (var property in root.EnumerateObject())
        {
            var match = ObservationKey().Match(property.Name);
            if (!match.Success)
            {
                continue;
            }

            var at = root.TryGetProperty($"session_{match.Groups[1].Value}_date_time", out var date) ? ParseDate(date.GetString()) : null;
            foreach (var speaker in property.Value.EnumerateObject())
            {
                foreach (var entry in speaker.Value.EnumerateArray())
                {
                    var text = entry[0].GetString() ?? string.Empty;
                    var dia = entry[1];
                    IReadOnlyList<string> sources = dia.ValueKind == JsonValueKind.Array
                        ? dia.EnumerateArray().Select(d => d.GetString() ?? string.Empty).ToList()
                        : [dia.GetString() ?? string.Empty];
                    observations.Add(new LocomoObservation(text, sources, at));
                }
            }
        }

        var questions = new List<LocomoQuestion>();
        foreach (var qa in root.GetProperty("qa").EnumerateArray())
        {
            var category = qa.TryGetProperty("category", out var c) ? c.GetInt32() : 0;
            if (category == 5)
            {
                continue;
            }

            var evidence = qa.GetProperty("evidence").EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToHashSet(StringComparer.Ordinal);
            questions.Add(new LocomoQuestion(qa.GetProperty("question").GetString() ?? string.Empty, evidence, category));
        }

        return new LocomoConversation(id, observations, questions);
    }

    /// <summary>"1:56 pm on 8 May, 2023" as UTC, like the check's <c>when()</c>.</summary>
    internal static DateTimeOffset? ParseDate(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "h:mm tt 'on' d MMMM, yyyy", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? new DateTimeOffset(parsed, TimeSpan.Zero)
            : null;

    [GeneratedRegex(@"^session_(\d+)_observation$")]
    private static partial Regex ObservationKey();
}

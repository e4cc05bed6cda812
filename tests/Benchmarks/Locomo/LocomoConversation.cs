namespace Benchmarks.Locomo;

/// <summary>One LoCoMo conversation: its observations (memories) and non-adversarial questions.</summary>
internal sealed record LocomoConversation(string Id, IReadOnlyList<LocomoObservation> Observations, IReadOnlyList<LocomoQuestion> Questions);

/// <summary>An observation about a speaker, the dialogue ids it came from, and its session's date.</summary>
internal sealed record LocomoObservation(string Text, IReadOnlyList<string> Sources, DateTimeOffset? OccurredAt);

/// <summary>A question and the dialogue ids that hold its answer.</summary>
internal sealed record LocomoQuestion(string Text, IReadOnlySet<string> Evidence, int Category);

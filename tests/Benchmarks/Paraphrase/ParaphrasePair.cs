namespace Benchmarks.Paraphrase;

/// <summary>One entry of the paraphrase dev set: a memory, a question about it that shares no content word with it,
/// and distractor memories that share the question's generic words but do not answer it.</summary>
internal sealed record ParaphrasePair(string Id, string Domain, string Memory, string Question, IReadOnlyList<string> Distractors);

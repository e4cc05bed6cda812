using Memory.Model;

namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>Runs a labelled set through an extractor, one turn per case, and keeps what the write-back would admit
/// (facts that instruct the system are dropped, as the turn processor does).</summary>
internal static class ExtractionEvaluation
{
    public static async Task<ExtractionReport> RunAsync(IFactExtractor extractor, IReadOnlyList<ExtractionCase> cases,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        ArgumentNullException.ThrowIfNull(cases);
        var outcomes = new List<ExtractionOutcome>(cases.Count);
        foreach (var c in cases)
        {
            var turn = new ConversationTurn
            {
                TurnId = $"eval-{c.Id}",
                User = new UserKey("extraction-eval", "user"),
                Context = "chat",
                UserMessages = [new TurnMessage($"{c.Id}:0", c.Text)],
                At = DateTimeOffset.UnixEpoch,
            };
            var facts = await extractor.ExtractAsync(turn, cancellationToken).ConfigureAwait(false);
            var admitted = facts.Where(f => !InstructionFilter.IsInstruction(f.Text)).ToList();
            outcomes.Add(ExtractionOutcome.Score(c, admitted));
            progress?.Report(outcomes.Count);
        }

        return new ExtractionReport(outcomes);
    }
}

namespace Memory.WriteBack.Extraction;

/// <summary><c>off</c>: nothing is learned from chat. Observations are still kept as observed, since a feature
/// sent them on purpose.</summary>
internal sealed class NoFactExtractor(HeuristicFactExtractor heuristic) : IFactExtractor
{
    public Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default) =>
        turn.IsObservation ? heuristic.ExtractAsync(turn, cancellationToken) : Task.FromResult<IReadOnlyList<ExtractedFact>>([]);
}

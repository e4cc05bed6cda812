namespace Memory.WriteBack.Extraction;

/// <summary>Turns what the user said in one turn into candidate facts. Never reads the assistant's answer.</summary>
internal interface IFactExtractor
{
    Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default);
}

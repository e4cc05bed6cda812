using Memory.WriteBack.Extraction;

namespace Memory.WriteBack.Outbox;

/// <summary>A claimed outbox entry: the turn, which attempt this is, and the facts saved by an earlier attempt.</summary>
internal sealed record OutboxLease(long Seq, string LeaseId, ConversationTurn Turn, int Attempts, IReadOnlyList<ExtractedFact>? Checkpoint);

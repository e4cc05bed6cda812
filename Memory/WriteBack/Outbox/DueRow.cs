namespace Memory.WriteBack.Outbox;

/// <summary>An outbox row the worker may claim now, as read before it is leased.</summary>
internal sealed record DueRow(long Seq, string TurnId, string? Payload, string? Facts, int Attempts);

namespace Memory.WriteBack;

/// <summary>Durable queue of turns awaiting write-back. <see cref="EnqueueAsync"/> returns only once the turn is
/// on disk; the worker drains it and a restart replays what was unfinished.</summary>
public interface IConversationOutbox
{
    ValueTask EnqueueAsync(ConversationTurn turn, CancellationToken cancellationToken = default);
}

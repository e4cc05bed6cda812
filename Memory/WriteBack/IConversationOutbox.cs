namespace Memory.WriteBack;

/// <summary>Durable queue of turns awaiting write-back. <see cref="EnqueueAsync"/> returns only once the turn is
/// on disk; the worker drains it and a restart replays what was unfinished.</summary>
/// <remarks>A chat call records its turn in two steps so the disk flush overlaps the model's answer instead of
/// following it: <see cref="OpenTurnAsync"/> (durable, while the upstream works) then <see cref="CloseTurnAsync"/>
/// with the answer (a cheap update) or <see cref="AbandonTurnAsync"/> when the call failed. The worker leaves an
/// open turn, and the same user's later turns, alone until it is closed; open turns found at start-up (their
/// process stopped mid-call) are taken as closed without an answer, so what the user said is never lost.</remarks>
public interface IConversationOutbox
{
    ValueTask EnqueueAsync(ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Puts a turn whose answer is still coming on disk. False when it was not recorded (the user withdrew
    /// consent, or the turn id is already known).</summary>
    ValueTask<bool> OpenTurnAsync(ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Completes an open turn with its answer (<paramref name="turn"/> as opened, answer included) and hands
    /// it to the worker. Survives a process crash at once and a power loss from the next flush; the opened record
    /// already survives both.</summary>
    ValueTask CloseTurnAsync(ConversationTurn turn, CancellationToken cancellationToken = default);

    /// <summary>Forgets an open turn (its call failed and nothing was answered).</summary>
    ValueTask AbandonTurnAsync(string turnId, CancellationToken cancellationToken = default);
}

using Memory.Model;

namespace Memory.WriteBack;

/// <summary>Operations on the write-back outbox for the gateway's erasure, consent and admin endpoints.</summary>
public interface IWriteBackAdmin
{
    /// <summary>Removes every turn of the user still held by the outbox (pending, poisoned or remembered as done),
    /// waiting for a turn of theirs being processed to finish first. Returns how many rows were removed.</summary>
    Task<int> EraseUserAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>The user's turns the outbox still holds with their text (waiting to be learned from, or set aside after
    /// failing), oldest first: what export shows of write-back, since they hold what the user said.</summary>
    Task<IReadOnlyList<HeldTurn>> ListUserTurnsAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Counts by state, for health and metrics.</summary>
    Task<WriteBackStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns set aside after too many failed attempts (ids and error kinds, no text), oldest first.</summary>
    Task<IReadOnlyList<PoisonedTurn>> ListPoisonedAsync(int max = 100, CancellationToken cancellationToken = default);

    /// <summary>Puts a poisoned turn back in the queue with a fresh attempt count.</summary>
    Task<bool> RetryPoisonedAsync(string turnId, CancellationToken cancellationToken = default);
}

/// <summary>A turn the outbox holds with its text: <see cref="State"/> is <c>pending</c> (not yet learned from) or
/// <c>failed</c> (set aside after too many attempts, kept until retried or the user is erased).</summary>
public sealed record HeldTurn(string TurnId, string State, string Context, DateTimeOffset EnqueuedAt, bool IsObservation,
    IReadOnlyList<string> Messages, string? AssistantAnswer);

/// <summary>Outbox counts: waiting (including in backoff or in flight), poisoned, and finished ids remembered.</summary>
public sealed record WriteBackStats(int Pending, int Poisoned, int Finished);

/// <summary>A turn that failed <see cref="WriteBackOptions.MaxAttempts"/> times; <see cref="LastError"/> is an error
/// kind (exception type), never user text.</summary>
public sealed record PoisonedTurn(string TurnId, UserKey User, int Attempts, DateTimeOffset EnqueuedAt, string? LastError);

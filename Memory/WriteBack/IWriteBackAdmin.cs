using Memory.Model;

namespace Memory.WriteBack;

/// <summary>Operations on the write-back outbox for the gateway's erasure, consent and admin endpoints.</summary>
public interface IWriteBackAdmin
{
    /// <summary>Removes every turn of the user still held by the outbox (pending, poisoned or remembered as done),
    /// waiting for a turn of theirs being processed to finish first. Returns how many rows were removed.</summary>
    Task<int> EraseUserAsync(UserKey user, CancellationToken cancellationToken = default);

    /// <summary>Counts by state, for health and metrics.</summary>
    Task<WriteBackStats> GetStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Turns set aside after too many failed attempts (ids and error kinds, no text), oldest first.</summary>
    Task<IReadOnlyList<PoisonedTurn>> ListPoisonedAsync(int max = 100, CancellationToken cancellationToken = default);

    /// <summary>Puts a poisoned turn back in the queue with a fresh attempt count.</summary>
    Task<bool> RetryPoisonedAsync(string turnId, CancellationToken cancellationToken = default);
}

/// <summary>Outbox counts: waiting (including in backoff or in flight), poisoned, and finished ids remembered.</summary>
public sealed record WriteBackStats(int Pending, int Poisoned, int Finished);

/// <summary>A turn that failed <see cref="WriteBackOptions.MaxAttempts"/> times; <see cref="LastError"/> is an error
/// kind (exception type), never user text.</summary>
public sealed record PoisonedTurn(string TurnId, UserKey User, int Attempts, DateTimeOffset EnqueuedAt, string? LastError);

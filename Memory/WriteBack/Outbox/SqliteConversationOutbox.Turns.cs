using System.Text.Json;
using Memory.Configuration;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Outbox;

/// <summary>The request path: turns enqueued (or opened before the answer and closed after it), dropped for users without consent or erased since the turn began.</summary>
internal sealed partial class SqliteConversationOutbox : IConversationOutbox
{
    public async ValueTask EnqueueAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        if (await InsertAsync(turn, OutboxState.Pending, cancellationToken).ConfigureAwait(false))
        {
            WakeWorkerIfDue(turn);
        }
    }

    public ValueTask<bool> OpenTurnAsync(ConversationTurn turn, CancellationToken cancellationToken = default) =>
        InsertAsync(turn, OutboxState.Open, cancellationToken);

    public async ValueTask CloseTurnAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var payload = JsonSerializer.Serialize(turn, WriteBackJsonContext.Default.ConversationTurn);
        // The record is already durable; this update only adds the answer.
        var closed = await ExecuteUnflushedAsync("UPDATE outbox SET payload = $payload, status = 0 WHERE turn_id = $turn AND status = 4",
            cancellationToken, ("$payload", payload), ("$turn", turn.TurnId)).ConfigureAwait(false);

        if (closed > 0)
        {
            WakeWorkerIfDue(turn);
        }
    }

    /// <summary>Wakes the worker for a turn just made pending, unless it cannot be due yet: with a quiet period, a
    /// turn recorded less than that long ago (and less than the most delay) keeps its own conversation from being
    /// quiet, and a turn becoming pending makes no other turn due. The worker's poll (a quarter of the quiet period)
    /// takes it once it is due, as before; what is saved is a claim (a scan of the backlog) on every chat turn.</summary>
    private void WakeWorkerIfDue(ConversationTurn turn)
    {
        var wait = _options.QuietPeriod < _options.MaxDelay ? _options.QuietPeriod : _options.MaxDelay;
        if (wait <= TimeSpan.Zero || _time.GetUtcNow() - turn.At >= wait)
        {
            _signal.Notify();
        }
    }

    public async ValueTask AbandonTurnAsync(string turnId, CancellationToken cancellationToken = default)
    {
        await ExecuteUnflushedAsync("DELETE FROM outbox WHERE turn_id = $turn AND status = 4", cancellationToken, ("$turn", turnId)).ConfigureAwait(false);
    }

    /// <summary>One statement committed without waiting for the disk (WAL, <c>synchronous=NORMAL</c> on this
    /// connection only: it survives a process crash as it is and reaches the disk with the next flushed commit).</summary>
    private async Task<int> ExecuteUnflushedAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA synchronous = NORMAL", cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    private async ValueTask<bool> InsertAsync(ConversationTurn turn, OutboxState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentException.ThrowIfNullOrWhiteSpace(turn.TurnId);
        if (await _store.GetConsentAsync(turn.User, cancellationToken).ConfigureAwait(false) == false)
        {
            WriteBackLog.TurnDroppedNoConsent(_logger, turn.TurnId);
            return false;
        }

        if (await _tombstones.ErasedSinceAsync(turn.User, turn.ErasureGeneration, cancellationToken).ConfigureAwait(false))
        {
            ErasureLog.TurnRefusedErased(_logger, turn.TurnId);
            return false;
        }

        var payload = JsonSerializer.Serialize(turn, WriteBackJsonContext.Default.ConversationTurn);
        var now = Now();
        int inserted;
        using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO outbox (turn_id, tenant, user_id, payload, status, attempts, enqueued_at, next_attempt_at)
                VALUES ($turn, $tenant, $user, $payload, $state, 0, $now, $now)
                ON CONFLICT (tenant, user_id, turn_id) DO UPDATE SET payload = excluded.payload, status = excluded.status
                    WHERE outbox.status = 4 AND excluded.status = 0
                """;
            command.Parameters.AddWithValue("$state", (int)state);
            command.Parameters.AddWithValue("$turn", turn.TurnId);
            command.Parameters.AddWithValue("$tenant", turn.User.Tenant);
            command.Parameters.AddWithValue("$user", turn.User.UserId);
            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", now);
            inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (inserted == 0)
        {
            WriteBackLog.DuplicateTurnIgnored(_logger, turn.TurnId);
            return false;
        }

        // An erasure records its tombstone before it deletes the user's rows: a row written before that delete is
        // deleted by it, and one written after it sees the tombstone here and removes itself.
        if (await _tombstones.ErasedSinceAsync(turn.User, turn.ErasureGeneration, CancellationToken.None).ConfigureAwait(false))
        {
            await RemoveErasedTurnAsync(turn).ConfigureAwait(false);
            return false;
        }

        WriteBackLog.TurnEnqueued(_logger, turn.TurnId, turn.UserMessages.Count);
        return true;
    }

    private async Task RemoveErasedTurnAsync(ConversationTurn turn)
    {
        using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "DELETE FROM outbox WHERE tenant = $tenant AND user_id = $user AND turn_id = $turn",
            CancellationToken.None, ("$tenant", turn.User.Tenant), ("$user", turn.User.UserId), ("$turn", turn.TurnId)).ConfigureAwait(false);
        await TruncateWalAsync(connection).ConfigureAwait(false);
        ErasureLog.TurnRemovedAfterErasure(_logger, turn.TurnId);
    }

    /// <summary>Truncates the WAL after an erasure, checked: when readers keep it busy through every attempt the
    /// erasure fails with <see cref="ErasureIncompleteException"/> (a repeated erasure truncates again).</summary>
    private async Task TruncateWalAsync(SqliteConnection connection)
    {
        if (!await WalTruncation.TryTruncateAsync(connection, CancellationToken.None).ConfigureAwait(false))
        {
            ErasureLog.WalNotTruncated(_logger, _options.FileName);
            throw new ErasureIncompleteException($"The write-ahead log of {_options.FileName} could not be truncated after the erasure.");
        }
    }
}

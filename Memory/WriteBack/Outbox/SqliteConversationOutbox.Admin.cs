using System.Text.Json;
using Memory.Configuration;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Outbox;

/// <summary>Operators and erasure: a user's turns erased, statistics, poisoned turns listed and retried.</summary>
internal sealed partial class SqliteConversationOutbox : IWriteBackAdmin
{
    public async Task<int> EraseUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        using var held = await _locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var removed = await ExecuteAsync(connection, null, "DELETE FROM outbox WHERE tenant = $tenant AND user_id = $user",
            cancellationToken, ("$tenant", user.Tenant), ("$user", user.UserId)).ConfigureAwait(false);

        // Erased text must not linger in the write-ahead log either: fold it into the zeroed database file.
        WriteBackLog.UserErased(_logger, removed);
        await TruncateWalAsync(connection).ConfigureAwait(false);
        return removed;
    }

    public async Task<IReadOnlyList<HeldTurn>> ListUserTurnsAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        var result = new List<HeldTurn>();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT turn_id, status, enqueued_at, payload FROM outbox
            WHERE tenant = $tenant AND user_id = $user AND status IN (0, 2) AND payload IS NOT NULL ORDER BY seq
            """;
        command.Parameters.AddWithValue("$tenant", user.Tenant);
        command.Parameters.AddWithValue("$user", user.UserId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A payload that does not parse is still shown, whole, as the one message it holds: export leaves nothing out.
            var payload = reader.GetString(3);
            var turn = TryParseTurn(payload);
            result.Add(new HeldTurn(
                reader.GetString(0),
                reader.GetInt32(1) == 2 ? "failed" : "pending",
                turn?.Context ?? string.Empty,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                turn?.IsObservation ?? false,
                turn is null ? [payload] : turn.UserMessages.Select(m => m.Text).ToList(),
                turn?.AssistantAnswer));
        }

        return result;
    }

    public async Task<WriteBackStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(status IN (0, 4)), 0), COALESCE(SUM(status = 2), 0), COALESCE(SUM(status IN (1, 3)), 0) FROM outbox
            """;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WriteBackStats(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public async Task<IReadOnlyList<PoisonedTurn>> ListPoisonedAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        var result = new List<PoisonedTurn>();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT turn_id, tenant, user_id, attempts, enqueued_at, last_error FROM outbox WHERE status = 2 ORDER BY seq LIMIT $max
            """;
        command.Parameters.AddWithValue("$max", Math.Max(1, max));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(new PoisonedTurn(
                reader.GetString(0),
                new UserKey(reader.GetString(1), reader.GetString(2)),
                reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return result;
    }

    public async Task<bool> RetryPoisonedAsync(string turnId, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(connection, null, """
            UPDATE outbox SET status = 0, attempts = 0, next_attempt_at = $now, last_error = NULL
            WHERE turn_id = $turn AND status = 2 AND payload IS NOT NULL
            """, cancellationToken, ("$now", Now()), ("$turn", turnId)).ConfigureAwait(false);
        if (changed > 0)
        {
            _signal.Notify();
        }

        return changed > 0;
    }
}

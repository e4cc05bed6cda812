using System.Text.Json;
using Memory.Configuration;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Memory.WriteBack.Extraction;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Outbox;

/// <summary>The worker: fair claims under leases, checkpoints, completion, backoff on failure, pruning.</summary>
internal sealed partial class SqliteConversationOutbox : IOutboxQueue
{
    public async Task<IReadOnlyList<OutboxLease>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var leases = new List<OutboxLease>();
        var corrupt = new List<long>();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (now >= Interlocked.Read(ref _nextOpenTurnSweep))
        {
            // Rarely: open turns only go stale when a close failed or a call never ended.
            Interlocked.Exchange(ref _nextOpenTurnSweep, now + OpenTurnSweepMilliseconds);
            await ExecuteAsync(connection, transaction, "UPDATE outbox SET status = 0 WHERE status = 4 AND enqueued_at <= $stale",
                cancellationToken, ("$stale", now - (long)_options.OpenTurnTimeout.TotalMilliseconds)).ConfigureAwait(false);
        }

        var rows = await FairDueRowsAsync(connection, transaction, now, Math.Max(1, max), cancellationToken).ConfigureAwait(false);

        var leaseUntil = now + (long)_options.LeaseDuration.TotalMilliseconds;
        foreach (var row in rows)
        {
            var turn = TryParseTurn(row.Payload);
            if (turn is null)
            {
                corrupt.Add(row.Seq);
                await ExecuteAsync(connection, transaction, "UPDATE outbox SET status = 2, last_error = 'CorruptPayload' WHERE seq = $seq",
                    cancellationToken, ("$seq", row.Seq)).ConfigureAwait(false);
                continue;
            }

            var leaseId = Guid.NewGuid().ToString("N");
            await ExecuteAsync(connection, transaction,
                "UPDATE outbox SET lease_id = $lease, lease_until = $until, attempts = attempts + 1 WHERE seq = $seq",
                cancellationToken, ("$lease", leaseId), ("$until", leaseUntil), ("$seq", row.Seq)).ConfigureAwait(false);
            leases.Add(new OutboxLease(row.Seq, leaseId, turn, row.Attempts + 1, TryParseFacts(row.Facts)));
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var seq in corrupt)
        {
            WriteBackLog.CorruptTurnPoisoned(_logger, seq);
        }

        return leases;
    }

    /// <summary>Due turns, fair across tenants: each tenant's oldest due turns, taken round-robin (starting from a
    /// tenant that rotates every claim), so one tenant's backlog never holds back another's turns.</summary>
    private async Task<List<DueRow>> FairDueRowsAsync(SqliteConnection connection, SqliteTransaction transaction, long now, int max, CancellationToken cancellationToken)
    {
        var tenants = new List<string>();
        using (var distinct = connection.CreateCommand())
        {
            distinct.Transaction = transaction;
            // A skip-scan over (status, tenant): one index seek per tenant with pending turns, however long the backlog.
            distinct.CommandText = """
                WITH RECURSIVE t(tenant) AS (
                    SELECT MIN(tenant) FROM outbox WHERE status = 0
                    UNION ALL
                    SELECT (SELECT MIN(tenant) FROM outbox WHERE status = 0 AND tenant > t.tenant) FROM t WHERE t.tenant IS NOT NULL)
                SELECT tenant FROM t WHERE tenant IS NOT NULL
                """;
            using var reader = await distinct.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tenants.Add(reader.GetString(0));
            }
        }

        var perTenant = new List<List<DueRow>>(tenants.Count);
        foreach (var tenant in tenants)
        {
            using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT o.seq, o.turn_id, o.payload, o.facts, o.attempts FROM outbox o WHERE o.tenant = $tenant AND "
                + DueTurn + " ORDER BY o.seq LIMIT $max";
            select.Parameters.AddWithValue("$tenant", tenant);
            select.Parameters.AddWithValue("$now", now);
            AddQuietWindow(select, now);
            select.Parameters.AddWithValue("$max", max);
            var rows = new List<DueRow>();
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new DueRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt32(4)));
            }

            if (rows.Count > 0)
            {
                perTenant.Add(rows);
            }
        }

        return FairShare.RoundRobin(perTenant, max, Interlocked.Increment(ref _claimRotation));
    }

    public async Task<bool> IsLeaseValidAsync(OutboxLease lease, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE seq = $seq AND lease_id = $lease AND status = 0";
        command.Parameters.AddWithValue("$seq", lease.Seq);
        command.Parameters.AddWithValue("$lease", lease.LeaseId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task SaveCheckpointAsync(OutboxLease lease, IReadOnlyList<ExtractedFact> facts, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(facts.ToList(), WriteBackJsonContext.Default.ListExtractedFact);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE outbox SET facts = $facts WHERE seq = $seq AND lease_id = $lease AND status = 0",
            cancellationToken, ("$facts", json), ("$seq", lease.Seq), ("$lease", lease.LeaseId)).ConfigureAwait(false);
    }

    public async Task<bool> CompleteAsync(OutboxLease lease, OutboxState outcome, CancellationToken cancellationToken = default)
    {
        if (outcome is not (OutboxState.Done or OutboxState.Dropped))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome));
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await ExecuteAsync(connection, null, """
            UPDATE outbox SET status = $status, payload = NULL, facts = NULL, lease_id = NULL, lease_until = NULL,
                              last_error = NULL, finished_at = $now
            WHERE seq = $seq AND lease_id = $lease AND status = 0
            """, cancellationToken, ("$status", (int)outcome), ("$now", Now()), ("$seq", lease.Seq), ("$lease", lease.LeaseId)).ConfigureAwait(false);
        return changed > 0;
    }

    public async Task<bool> FailAsync(OutboxLease lease, string errorKind, CancellationToken cancellationToken = default)
    {
        var poisoned = lease.Attempts >= Math.Max(1, _options.MaxAttempts);
        var backoff = Backoff(lease.Attempts);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, """
            UPDATE outbox SET status = $status, lease_id = NULL, lease_until = NULL, next_attempt_at = $next, last_error = $error
            WHERE seq = $seq AND lease_id = $lease AND status = 0
            """, cancellationToken,
            ("$status", poisoned ? (int)OutboxState.Poisoned : (int)OutboxState.Pending),
            ("$next", Now() + (long)backoff.TotalMilliseconds),
            ("$error", errorKind),
            ("$seq", lease.Seq),
            ("$lease", lease.LeaseId)).ConfigureAwait(false);
        return poisoned;
    }

    public async Task<bool> HasDueWorkAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT EXISTS (SELECT 1 FROM outbox o WHERE
            """ + " " + DueTurn + ")";
        var now = Now();
        command.Parameters.AddWithValue("$now", now);
        AddQuietWindow(command, now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) != 0;
    }

    public Task<IDisposable> LockUserAsync(UserKey user, CancellationToken cancellationToken = default) =>
        _locks.AcquireAsync(user, cancellationToken);

    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Now() - (long)_options.ProcessedRetention.TotalMilliseconds;
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM outbox WHERE status IN (1, 3) AND finished_at < $cutoff",
            cancellationToken, ("$cutoff", cutoff)).ConfigureAwait(false);
    }

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var ms = Math.Min(_options.InitialBackoff.TotalMilliseconds * factor, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }


    /// <summary>A turn <c>o</c> the worker may take now: pending, not backing off, not leased; no earlier turn of its
    /// user pending or open; and its user's conversation quiet (or the turn overdue). Parameters: $now, $quiet,
    /// $overdue.</summary>
    private const string DueTurn = """
        o.status = 0 AND o.next_attempt_at <= $now AND (o.lease_until IS NULL OR o.lease_until <= $now)
          AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.status IN (0, 4) AND p.tenant = o.tenant
                          AND p.user_id = o.user_id AND p.seq < o.seq)
          AND (o.enqueued_at <= $overdue OR NOT EXISTS (SELECT 1 FROM outbox q WHERE q.status IN (0, 4)
                          AND q.tenant = o.tenant AND q.user_id = o.user_id AND q.enqueued_at > $quiet))
        """;

    /// <summary>A user's turns wait until the conversation pauses (no turn for the quiet period), so write-back runs
    /// after a burst rather than inside it; a turn waiting longer than the most delay goes anyway.</summary>
    private void AddQuietWindow(SqliteCommand command, long now)
    {
        command.Parameters.AddWithValue("$quiet", now - (long)_options.QuietPeriod.TotalMilliseconds);
        command.Parameters.AddWithValue("$overdue", now - (long)_options.MaxDelay.TotalMilliseconds);
    }


    private static ConversationTurn? TryParseTurn(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            var turn = JsonSerializer.Deserialize(payload, WriteBackJsonContext.Default.ConversationTurn);
            return turn is { TurnId: not null, UserMessages: not null } ? turn : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<ExtractedFact>? TryParseFacts(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, WriteBackJsonContext.Default.ListExtractedFact);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

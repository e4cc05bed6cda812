using System.Text.Json;
using Memory.Configuration;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>The durable outbox: one SQLite file (WAL, synchronous=FULL by default, secure_delete, pooled connections) under
/// <c>Storage:Directory</c>. Enqueue commits before it returns and is idempotent by turn id; the worker claims
/// turns under leases, retries with backoff and sets poisoned turns aside for inspection. A process restart
/// releases every lease, so unfinished turns are replayed.</summary>
internal sealed class SqliteConversationOutbox : IConversationOutbox, IOutboxQueue, IWriteBackAdmin, IDisposable
{
    private readonly string _connectionString;
    private readonly WriteBackOptions _options;
    private readonly IMemoryStore _store;
    private readonly IErasureTombstones _tombstones;
    private readonly TimeProvider _time;
    private readonly WriteBackSignal _signal;
    private readonly ILogger<SqliteConversationOutbox> _logger;
    private readonly UserLocks _locks = new();
    private readonly Lazy<bool> _initialized;
    private readonly string _pragmas;
    private const long OpenTurnSweepMilliseconds = 60_000;
    private long _nextOpenTurnSweep;
    private int _claimRotation;

    public SqliteConversationOutbox(
        IOptions<StorageOptions> storage,
        IOptions<WriteBackOptions> options,
        IMemoryStore store,
        IErasureTombstones tombstones,
        TimeProvider time,
        WriteBackSignal signal,
        ILogger<SqliteConversationOutbox> logger)
    {
        _options = options.Value;
        _store = store;
        _tombstones = tombstones;
        _time = time;
        _signal = signal;
        _logger = logger;
        var directory = Path.GetFullPath(storage.Value.Directory);
        FilePath = Path.Combine(directory, _options.FileName);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _pragmas = $"PRAGMA busy_timeout = 5000; PRAGMA secure_delete = ON; PRAGMA synchronous = {(_options.SynchronousFull ? "FULL" : "NORMAL")};";
        _initialized = new Lazy<bool>(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Releases the pooled connections (and with them the file handles).</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>The outbox database file.</summary>
    public string FilePath { get; }

    public async ValueTask EnqueueAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        if (await InsertAsync(turn, OutboxState.Pending, cancellationToken).ConfigureAwait(false))
        {
            _signal.Notify();
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
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
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var command = connection.CreateCommand();
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
        await using var connection = await OpenAsync(CancellationToken.None).ConfigureAwait(false);
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

    public async Task<IReadOnlyList<OutboxLease>> ClaimAsync(int max, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var leases = new List<OutboxLease>();
        var corrupt = new List<long>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
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
        await using (var distinct = connection.CreateCommand())
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
            await using var reader = await distinct.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                tenants.Add(reader.GetString(0));
            }
        }

        var perTenant = new List<List<DueRow>>(tenants.Count);
        foreach (var tenant in tenants)
        {
            await using var select = connection.CreateCommand();
            select.Transaction = transaction;
            select.CommandText = "SELECT o.seq, o.turn_id, o.payload, o.facts, o.attempts FROM outbox o WHERE o.tenant = $tenant AND "
                + DueTurn + " ORDER BY o.seq LIMIT $max";
            select.Parameters.AddWithValue("$tenant", tenant);
            select.Parameters.AddWithValue("$now", now);
            AddQuietWindow(select, now);
            select.Parameters.AddWithValue("$max", max);
            var rows = new List<DueRow>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox WHERE seq = $seq AND lease_id = $lease AND status = 0";
        command.Parameters.AddWithValue("$seq", lease.Seq);
        command.Parameters.AddWithValue("$lease", lease.LeaseId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public async Task SaveCheckpointAsync(OutboxLease lease, IReadOnlyList<ExtractedFact> facts, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(facts.ToList(), WriteBackJsonContext.Default.ListExtractedFact);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "UPDATE outbox SET facts = $facts WHERE seq = $seq AND lease_id = $lease AND status = 0",
            cancellationToken, ("$facts", json), ("$seq", lease.Seq), ("$lease", lease.LeaseId)).ConfigureAwait(false);
    }

    public async Task<bool> CompleteAsync(OutboxLease lease, OutboxState outcome, CancellationToken cancellationToken = default)
    {
        if (outcome is not (OutboxState.Done or OutboxState.Dropped))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome));
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, null, "DELETE FROM outbox WHERE status IN (1, 3) AND finished_at < $cutoff",
            cancellationToken, ("$cutoff", cutoff)).ConfigureAwait(false);
    }

    public async Task<int> EraseUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        using var held = await _locks.AcquireAsync(user, cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var removed = await ExecuteAsync(connection, null, "DELETE FROM outbox WHERE tenant = $tenant AND user_id = $user",
            cancellationToken, ("$tenant", user.Tenant), ("$user", user.UserId)).ConfigureAwait(false);

        // Erased text must not linger in the write-ahead log either: fold it into the zeroed database file.
        WriteBackLog.UserErased(_logger, removed);
        await TruncateWalAsync(connection).ConfigureAwait(false);
        return removed;
    }

    public async Task<WriteBackStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COALESCE(SUM(status IN (0, 4)), 0), COALESCE(SUM(status = 2), 0), COALESCE(SUM(status IN (1, 3)), 0) FROM outbox
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new WriteBackStats(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2));
    }

    public async Task<IReadOnlyList<PoisonedTurn>> ListPoisonedAsync(int max = 100, CancellationToken cancellationToken = default)
    {
        var result = new List<PoisonedTurn>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT turn_id, tenant, user_id, attempts, enqueued_at, last_error FROM outbox WHERE status = 2 ORDER BY seq LIMIT $max
            """;
        command.Parameters.AddWithValue("$max", Math.Max(1, max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
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

    private TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var ms = Math.Min(_options.InitialBackoff.TotalMilliseconds * factor, _options.MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Max(0, ms));
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

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

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _initialized.Value;
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, null, _pragmas, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool Initialize()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            PRAGMA secure_delete = ON;
            CREATE TABLE IF NOT EXISTS outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                turn_id TEXT NOT NULL,
                tenant TEXT NOT NULL,
                user_id TEXT NOT NULL,
                payload TEXT NULL,
                facts TEXT NULL,
                status INTEGER NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                enqueued_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                lease_id TEXT NULL,
                lease_until INTEGER NULL,
                last_error TEXT NULL,
                finished_at INTEGER NULL);
            CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (status, next_attempt_at);
            CREATE INDEX IF NOT EXISTS ix_outbox_user ON outbox (tenant, user_id, status, seq);
            CREATE UNIQUE INDEX IF NOT EXISTS ux_outbox_turn ON outbox (tenant, user_id, turn_id);
            CREATE INDEX IF NOT EXISTS ix_outbox_tenant ON outbox (status, tenant, seq);
            UPDATE outbox SET lease_id = NULL, lease_until = NULL WHERE status = 0 AND lease_id IS NOT NULL;
            UPDATE outbox SET status = 0 WHERE status = 4;
            """;
        var released = command.ExecuteNonQuery();
        WriteBackLog.OutboxOpened(_logger, released);
        return true;
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

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

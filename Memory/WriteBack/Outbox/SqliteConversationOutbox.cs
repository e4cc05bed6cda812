using System.Text.Json;
using Memory.Configuration;
using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack.Outbox;

/// <summary>The durable outbox: one SQLite file opened by <see cref="SqliteDatabase"/> (synchronous=FULL unless
/// <c>WriteBack:SynchronousFull</c> is false) under
/// <c>Storage:Directory</c>. Enqueue commits before it returns and is idempotent by turn id; the worker claims
/// turns under leases, retries with backoff and sets poisoned turns aside for inspection. A process restart
/// releases every lease, so unfinished turns are replayed. One partial file per role: the request path's
/// <see cref="IConversationOutbox"/> (<c>.Turns.cs</c>), the worker's <see cref="IOutboxQueue"/> (<c>.Queue.cs</c>)
/// and operators' <see cref="IWriteBackAdmin"/> (<c>.Admin.cs</c>); this file opens the database.</summary>
internal sealed partial class SqliteConversationOutbox : IDisposable
{
    private readonly SqliteDatabase _db;
    private readonly WriteBackOptions _options;
    private readonly IMemoryStore _store;
    private readonly IErasureTombstones _tombstones;
    private readonly TimeProvider _time;
    private readonly WriteBackSignal _signal;
    private readonly ILogger<SqliteConversationOutbox> _logger;
    private readonly UserLocks _locks = new();
    private readonly Lazy<bool> _initialized;
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
        _db = new SqliteDatabase(FilePath, _options.SynchronousFull);
        _initialized = new Lazy<bool>(Initialize, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Releases the pooled connections (and with them the file handles).</summary>
    public void Dispose() => _db.Dispose();

    /// <summary>The outbox database file.</summary>
    public string FilePath { get; }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        _ = _initialized.Value;
        return _db.OpenAsync(cancellationToken);
    }

    private bool Initialize()
    {
        var released = _db.Initialise("""
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
            """);
        WriteBackLog.OutboxOpened(_logger, released);
        return true;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

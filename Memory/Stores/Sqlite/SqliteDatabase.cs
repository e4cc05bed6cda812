using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>One SQLite file opened the same way everywhere (memory store, embedding cache, write-back outbox):
/// WAL, <c>secure_delete</c> on (deleted content is overwritten, so erased text leaves no trace in the file), full
/// fsync at commit (durable before answering) unless the owner opts out, a 10 s busy timeout, pooled connections.
/// The schema is set up once with <see cref="InitialiseAsync"/> or <see cref="Initialise"/>.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;

    /// <param name="path">The database file; its folder is created.</param>
    /// <param name="synchronousFull">True: <c>synchronous=FULL</c> (every commit reaches the disk); false:
    /// <c>NORMAL</c> (WAL commits survive a process crash and reach the disk with the next checkpoint).</param>
    public SqliteDatabase(string path, bool synchronousFull = true)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _connectionPragmas =
            $"PRAGMA secure_delete = ON; PRAGMA synchronous = {(synchronousFull ? "FULL" : "NORMAL")}; PRAGMA busy_timeout = 10000; PRAGMA temp_store = MEMORY;";
    }

    public string Path { get; }

    /// <summary>Opens a pooled connection with the per-connection pragmas applied.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a pooled connection synchronously (for work done under a lock).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _connectionPragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates the schema (idempotent) and switches the file to WAL, which persists in the file.</summary>
    public async Task InitialiseAsync(string schema, int version, CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = schema + $"\nPRAGMA user_version = {version};";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the schema synchronously (for owners that set up lazily under a lock): WAL, then the
    /// schema script (and <c>user_version</c> when given). Returns the rows the script changed (its recovery
    /// updates, for example).</summary>
    public int Initialise(string schema, int? version = null)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
        command.CommandText = version is { } v ? schema + $"\nPRAGMA user_version = {v};" : schema;
        return command.ExecuteNonQuery();
    }

    /// <summary>Copies the WAL into the main file and truncates it to zero bytes, so no older page image (which
    /// may hold deleted text) survives in the WAL. False when readers kept it busy through every attempt.</summary>
    public Task<bool> CheckpointTruncateAsync(SqliteConnection connection, CancellationToken cancellationToken = default) =>
        WalTruncation.TryTruncateAsync(connection, cancellationToken);

    /// <summary>Closes pooled connections so the files are released.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }
}

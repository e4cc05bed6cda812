using System.Diagnostics;
using System.Text;
using Memory.Diagnostics;
using Memory.Model;
using Memory.Stores.Sqlite.Index;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Memory.Stores.Sqlite;

/// <summary>The embedded default store: one SQLite file (<c>memory.db</c>) under the storage directory, and an
/// in-process per-user vector index for dense search (<see cref="VectorIndexCache"/>): a user's vectors are loaded on
/// their first search, kept current on every write, scored with SIMD dot products and evicted LRU under a byte budget.
/// This file holds storage (writes, reads, search, erasure, schema); history, consent, the resident index and
/// tombstones are in the <c>SqliteMemoryStore.*.cs</c> files, the filter SQL in <see cref="MemoryFilterSql"/>.</summary>
internal sealed partial class SqliteMemoryStore : IMemoryStore, IDisposable
{
    public const string FileName = "memory.db";
    private const int MaxParametersPerStatement = 500;

    private readonly SqliteDatabase _db;

    private readonly ConsentCache _consent;
    private readonly VectorIndexCache _index;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialised;

    public SqliteMemoryStore(string directory, long maxIndexBytes, TimeProvider time, ILogger<SqliteMemoryStore> logger)
    {
        _db = new SqliteDatabase(Path.Combine(directory, FileName));
        _index = new VectorIndexCache(maxIndexBytes);
        _consent = new ConsentCache(time);
        _time = time;
        _logger = logger;
    }

    /// <summary>The resident vector index (sizes and evictions, for tests and benchmarks).</summary>
    internal VectorIndexCache Index => _index;

    public async Task UpsertAsync(UserKey user, IReadOnlyList<MemoryItem> memories, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (memories.Count == 0)
        {
            return;
        }

        using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO memories (tenant, user_id, id, text, context, confidence, occurred_at, created_at, updated_at,
                                      valid_to, sources, metadata, embedding_model, embedding)
                VALUES ($tenant, $user, $id, $text, $context, $confidence, $occurred, $created, $updated,
                        $validTo, $sources, $metadata, $model, $embedding)
                ON CONFLICT (tenant, user_id, id) DO UPDATE SET
                    text = excluded.text, context = excluded.context, confidence = excluded.confidence,
                    occurred_at = excluded.occurred_at, created_at = excluded.created_at, updated_at = excluded.updated_at,
                    valid_to = excluded.valid_to, sources = excluded.sources, metadata = excluded.metadata,
                    embedding_model = excluded.embedding_model, embedding = excluded.embedding;
                """;
            command.Parameters.AddWithValue("$tenant", user.Tenant);
            command.Parameters.AddWithValue("$user", user.UserId);
            var id = command.Add("$id");
            var text = command.Add("$text");
            var context = command.Add("$context");
            var confidence = command.Add("$confidence");
            var occurred = command.Add("$occurred");
            var created = command.Add("$created");
            var updated = command.Add("$updated");
            var validTo = command.Add("$validTo");
            var sources = command.Add("$sources");
            var metadata = command.Add("$metadata");
            var model = command.Add("$model");
            var embedding = command.Add("$embedding");
            foreach (var memory in memories)
            {
                ValidateMemory(memory);
                id.Value = memory.Id;
                text.Value = memory.Text;
                context.Value = memory.Context;
                confidence.Value = memory.Confidence;
                occurred.Value = memory.OccurredAt.UtcTicks;
                created.Value = memory.CreatedAt.UtcTicks;
                updated.Value = memory.UpdatedAt.UtcTicks;
                validTo.Value = MemoryRowReader.DbValue(memory.ValidTo);
                sources.Value = MemoryRowReader.SourcesJson(memory);
                metadata.Value = MemoryRowReader.MetadataJson(memory);
                var hasVector = memory.Embedding is { Length: > 0 } && memory.EmbeddingModel is not null;
                model.Value = hasVector ? memory.EmbeddingModel : DBNull.Value;
                embedding.Value = hasVector ? EmbeddingBlob.ToBlob(memory.Embedding) : DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        UpdateIndex(user, set =>
        {
            foreach (var memory in memories)
            {
                set.Upsert(memory);
            }
        });
    }

    public async Task<MemoryItem?> GetAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user AND id = $id;";
        AddUser(command, user);
        command.Parameters.AddWithValue("$id", id);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MemoryRowReader.Read(reader) : null;
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (filter.Contexts is { Count: 0 })
        {
            return [];
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user");
        AddUser(command, user);
        MemoryFilterSql.Append(sql, command, filter);
        sql.Append(" ORDER BY created_at, rowid;");
        command.CommandText = sql.ToString();

        var memories = new List<MemoryItem>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            memories.Add(MemoryRowReader.Read(reader));
        }

        return memories;
    }

    public async Task<IReadOnlyList<ScoredMemory>> SearchAsync(UserKey user, ReadOnlyMemory<float> query, string embeddingModel, MemoryFilter filter, int top, CancellationToken cancellationToken = default)
    {
        Validate(user);
        ArgumentNullException.ThrowIfNull(embeddingModel);
        if (top <= 0 || query.IsEmpty)
        {
            return [];
        }

        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        var entry = _index.Acquire(user);
        List<(string Id, double Score)> hits;
        lock (entry.Gate)
        {
            if (!entry.Sets.TryGetValue(embeddingModel, out var set))
            {
                set = LoadSet(user, embeddingModel);
                if (!entry.Dropped)
                {
                    entry.Sets[embeddingModel] = set;
                    _index.Account(entry, entry.EstimatedBytes);
                }
            }

            hits = set.Search(query.Span, filter, top);
        }

        if (hits.Count == 0)
        {
            return [];
        }

        var memories = await GetManyAsync(user, hits.Select(h => h.Id).ToList(), cancellationToken).ConfigureAwait(false);
        var results = new List<ScoredMemory>(hits.Count);
        foreach (var (id, score) in hits)
        {
            if (memories.TryGetValue(id, out var memory))
            {
                results.Add(new ScoredMemory(memory, score));
            }
        }

        return results;
    }

    public async Task<bool> DeleteAsync(UserKey user, string id, CancellationToken cancellationToken = default)
    {
        Validate(user);
        int deleted;
        using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM memories WHERE tenant = $tenant AND user_id = $user AND id = $id;";
            AddUser(command, user);
            command.Parameters.AddWithValue("$id", id);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        UpdateIndex(user, set => set.Remove(id));
        return deleted > 0;
    }

    public async Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        bool withdrawn;
        using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            // A withdrawn consent stays (it holds no personal text): erasure must never turn "forget me" into "remember me".
            using (var read = connection.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT memory FROM user_consent WHERE user_hash = $hash;";
                read.Parameters.AddWithValue("$hash", ConsentKey(user));
                withdrawn = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long stored && stored == 0;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM memories WHERE tenant = $tenant AND user_id = $user;
                DELETE FROM history WHERE tenant = $tenant AND user_id = $user;
                DELETE FROM user_consent WHERE user_hash = $hash AND memory <> 0;
                """;
            AddUser(command, user);
            command.Parameters.AddWithValue("$hash", ConsentKey(user));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _consent.Forget(user);
            }
        }

        _consent.Changed(user, withdrawn ? false : null);
        _index.Remove(user);

        // secure_delete zeroed the rows in the new page images; the WAL still holds older images until truncated.
        if (!await _db.CheckpointTruncateAsync(connection, CancellationToken.None).ConfigureAwait(false))
        {
            LogCheckpointIncomplete(_logger);
            throw new ErasureIncompleteException($"The write-ahead log of {FileName} could not be truncated after the erasure.");
        }
    }


    public async Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embeddingModel);
        if (max <= 0)
        {
            return [];
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        // Three range scans of the model index rather than one full-table scan.
        command.CommandText = $"""
            SELECT tenant, user_id, {SqliteSchema.MemoryColumns} FROM memories
            WHERE embedding_model IS NULL OR embedding_model < $model OR embedding_model > $model
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$model", embeddingModel);
        command.Parameters.AddWithValue("$max", max);
        var stale = new List<(UserKey, MemoryItem)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stale.Add((new UserKey(reader.GetString(0), reader.GetString(1)), MemoryRowReader.Read(reader, 2)));
        }

        return stale;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'memories';";
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogNotReady(_logger, ex);
            return false;
        }
    }

    public void Dispose()
    {
        _index.Clear();
        _db.Dispose();
        _initGate.Dispose();
    }

    private async Task<Dictionary<string, MemoryItem>> GetManyAsync(UserKey user, List<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, MemoryItem>(ids.Count, StringComparer.Ordinal);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in ids.Chunk(MaxParametersPerStatement))
        {
            using var command = connection.CreateCommand();
            AddUser(command, user);
            var sql = new StringBuilder($"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user AND id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "$id0" : $", $id{i}");
                command.Parameters.AddWithValue($"$id{i}", chunk[i]);
            }

            command.CommandText = sql.Append(");").ToString();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var memory = MemoryRowReader.Read(reader);
                found[memory.Id] = memory;
            }
        }

        return found;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        return await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task EnsureInitialisedAsync(CancellationToken cancellationToken)
    {
        if (_initialised)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_initialised)
            {
                await _db.InitialiseAsync(SqliteSchema.Create, SqliteSchema.Version, cancellationToken).ConfigureAwait(false);
                await MigrateAsync(cancellationToken).ConfigureAwait(false);
                _initialised = true;
                LogOpened(_logger, SqliteSchema.Version);
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Brings a file made by an older version up to this schema (columns added since).</summary>
    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        using var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.HasHistoryReason;
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = SqliteSchema.AddHistoryReason;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await MigrateClearConsentAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    private static void AddUser(SqliteCommand command, UserKey user)
    {
        command.Parameters.AddWithValue("$tenant", user.Tenant);
        command.Parameters.AddWithValue("$user", user.UserId);
    }

    private static void Validate(UserKey user)
    {
        if (string.IsNullOrEmpty(user.Tenant) || string.IsNullOrEmpty(user.UserId))
        {
            throw new ArgumentException("A memory operation needs a tenant and a user id.", nameof(user));
        }
    }

    private static void ValidateMemory(MemoryItem memory)
    {
        if (string.IsNullOrEmpty(memory.Id))
        {
            throw new ArgumentException("A stored memory needs an id.", nameof(memory));
        }
    }

    [LoggerMessage(EventId = MemoryEventIds.SqliteStoreOpened, EventName = "SqliteStoreOpened", Level = LogLevel.Information,
        Message = "Embedded memory store opened (schema version {SchemaVersion}).")]
    private static partial void LogOpened(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = MemoryEventIds.SqliteCheckpointIncomplete, EventName = "SqliteCheckpointIncomplete", Level = LogLevel.Warning,
        Message = "After a user's erasure the WAL could not be truncated: readers kept it busy. The erasure reports it; repeating it truncates again.")]
    private static partial void LogCheckpointIncomplete(ILogger logger);

    [LoggerMessage(EventId = MemoryEventIds.SqliteStoreNotReady, EventName = "SqliteStoreNotReady", Level = LogLevel.Warning,
        Message = "Embedded memory store is not ready.")]
    private static partial void LogNotReady(ILogger logger, Exception exception);

    [LoggerMessage(EventId = MemoryEventIds.VectorIndexLoaded, EventName = "VectorIndexLoaded", Level = LogLevel.Debug,
        Message = "Loaded a user's vector index: {Vectors} vectors, ~{Bytes} bytes, in {ElapsedMs:F1} ms.")]
    private static partial void LogIndexLoaded(ILogger logger, int vectors, long bytes, double elapsedMs);
}

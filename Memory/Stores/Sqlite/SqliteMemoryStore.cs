using System.Diagnostics;
using System.Text;
using Memory.Model;
using Memory.Stores.Sqlite.Index;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Memory.Stores.Sqlite;

/// <summary>The embedded default store: one SQLite file (<c>memory.db</c>) under the storage directory, and an
/// in-process per-user vector index for dense search (<see cref="VectorIndexCache"/>): a user's vectors are loaded on
/// their first search, kept current on every write, scored with SIMD dot products and evicted LRU under a byte budget.</summary>
internal sealed partial class SqliteMemoryStore : IMemoryStore, IDisposable
{
    public const string FileName = "memory.db";
    private const int MaxParametersPerStatement = 500;

    private readonly SqliteDatabase _db;

    // Consent is read on every personalized call (prompt, selection, write-back) and changes rarely. This store is
    // meant to be the only writer of its file (one gateway per data directory), so it caches what it read and what it
    // wrote (null too: "no choice recorded"); entries expire after a few seconds, which bounds how long a change
    // made by another process sharing the file by mistake can go unseen.
    private const int MaxCachedConsents = 100_000;
    private static readonly TimeSpan ConsentLifetime = TimeSpan.FromSeconds(2);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<UserKey, CachedConsent> _consent = new();
    private long _consentGeneration;

    private sealed record CachedConsent(bool? Value, long ExpiresAt);
    private readonly VectorIndexCache _index;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialised;

    public SqliteMemoryStore(string directory, long maxIndexBytes, TimeProvider time, ILogger<SqliteMemoryStore> logger)
    {
        _db = new SqliteDatabase(Path.Combine(directory, FileName));
        _index = new VectorIndexCache(maxIndexBytes);
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

        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
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
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user AND id = $id;";
        AddUser(command, user);
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? MemoryRowReader.Read(reader) : null;
    }

    public async Task<IReadOnlyList<MemoryItem>> ListAsync(UserKey user, MemoryFilter filter, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (filter.Contexts is { Count: 0 })
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user");
        AddUser(command, user);
        AppendFilter(sql, command, filter);
        sql.Append(" ORDER BY created_at, rowid;");
        command.CommandText = sql.ToString();

        var memories = new List<MemoryItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
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

        await EnsureInitialisedAsync(cancellationToken);
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

        var memories = await GetManyAsync(user, hits.Select(h => h.Id).ToList(), cancellationToken);
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
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM memories WHERE tenant = $tenant AND user_id = $user AND id = $id;";
            AddUser(command, user);
            command.Parameters.AddWithValue("$id", id);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        UpdateIndex(user, set => set.Remove(id));
        return deleted > 0;
    }

    public async Task DeleteUserAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        await using var connection = await OpenAsync(cancellationToken);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                DELETE FROM memories WHERE tenant = $tenant AND user_id = $user;
                DELETE FROM history WHERE tenant = $tenant AND user_id = $user;
                DELETE FROM consent WHERE tenant = $tenant AND user_id = $user;
                """;
            AddUser(command, user);
            await command.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref _consentGeneration);
                _consent.TryRemove(user, out _);
            }
        }

        ConsentChanged(user, null);
        _index.Remove(user);

        // secure_delete zeroed the rows in the new page images; the WAL still holds older images until truncated.
        if (!await _db.CheckpointTruncateAsync(connection, CancellationToken.None))
        {
            LogCheckpointIncomplete(_logger);
            throw new ErasureIncompleteException($"The write-ahead log of {FileName} could not be truncated after the erasure.");
        }
    }

    public async Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (entries.Count == 0)
        {
            return;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO history (tenant, user_id, memory_id, event, before, after, at, actor, reason)
            VALUES ($tenant, $user, $memory, $event, $before, $after, $at, $actor, $reason);
            """;
        AddUser(command, user);
        var memoryId = command.Add("$memory");
        var @event = command.Add("$event");
        var before = command.Add("$before");
        var after = command.Add("$after");
        var at = command.Add("$at");
        var actor = command.Add("$actor");
        var reason = command.Add("$reason");
        foreach (var entry in entries)
        {
            ArgumentException.ThrowIfNullOrEmpty(entry.MemoryId);
            memoryId.Value = entry.MemoryId;
            @event.Value = MemoryRowReader.EventName(entry.Event);
            before.Value = MemoryRowReader.DbValue(MemoryRowReader.SnapshotJson(entry.Before));
            after.Value = MemoryRowReader.DbValue(MemoryRowReader.SnapshotJson(entry.After));
            at.Value = entry.At.UtcTicks;
            actor.Value = MemoryRowReader.DbValue(entry.Actor);
            reason.Value = MemoryRowReader.DbValue(entry.Reason);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(user, memoryId, cancellationToken);

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(user, null, cancellationToken);

    public async Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (_consent.TryGetValue(user, out var known) && System.Diagnostics.Stopwatch.GetTimestamp() < known.ExpiresAt)
        {
            return known.Value;
        }

        // A read that raced a change must not cache what it read: the generation tells.
        var generation = Volatile.Read(ref _consentGeneration);
        bool? consent;
        await using (var connection = await OpenAsync(cancellationToken))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT memory FROM consent WHERE tenant = $tenant AND user_id = $user;";
            AddUser(command, user);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            consent = value is long stored ? stored != 0 : null;
        }

        if (_consent.Count >= MaxCachedConsents)
        {
            Interlocked.Increment(ref _consentGeneration);
            _consent.Clear();
        }
        else if (Volatile.Read(ref _consentGeneration) == generation)
        {
            var entry = new CachedConsent(consent, ConsentExpiry());
            _consent.AddOrUpdate(user, entry, (_, current) => System.Diagnostics.Stopwatch.GetTimestamp() < current.ExpiresAt ? current : entry);
            if (Volatile.Read(ref _consentGeneration) != generation)
            {
                // A change raced this read: drop what it may have cached.
                _consent.TryRemove(KeyValuePair.Create(user, entry));
            }
        }

        return consent;
    }

    /// <summary>Records a consent change in the cache, after it is committed.</summary>
    private void ConsentChanged(UserKey user, bool? consent)
    {
        Interlocked.Increment(ref _consentGeneration);
        _consent[user] = new CachedConsent(consent, ConsentExpiry());
    }

    private static long ConsentExpiry() =>
        System.Diagnostics.Stopwatch.GetTimestamp() + (long)(ConsentLifetime.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);

    public async Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        Validate(user);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO consent (tenant, user_id, memory, updated_at) VALUES ($tenant, $user, $memory, $at)
            ON CONFLICT (tenant, user_id) DO UPDATE SET memory = excluded.memory, updated_at = excluded.updated_at;
            """;
        AddUser(command, user);
        command.Parameters.AddWithValue("$memory", memory ? 1 : 0);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcTicks);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            // Even a failed write may have committed: the next read goes to the file.
            Interlocked.Increment(ref _consentGeneration);
            _consent.TryRemove(user, out _);
        }

        ConsentChanged(user, memory);
    }

    public async Task<IReadOnlyList<(UserKey User, MemoryItem Memory)>> ListStaleEmbeddingsAsync(string embeddingModel, int max, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embeddingModel);
        if (max <= 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Three range scans of the model index rather than one full-table scan.
        command.CommandText = $"""
            SELECT tenant, user_id, {SqliteSchema.MemoryColumns} FROM memories
            WHERE embedding_model IS NULL OR embedding_model < $model OR embedding_model > $model
            LIMIT $max;
            """;
        command.Parameters.AddWithValue("$model", embeddingModel);
        command.Parameters.AddWithValue("$max", max);
        var stale = new List<(UserKey, MemoryItem)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stale.Add((new UserKey(reader.GetString(0), reader.GetString(1)), MemoryRowReader.Read(reader, 2)));
        }

        return stale;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'memories';";
            return await command.ExecuteScalarAsync(cancellationToken) is 1L;
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

    private async Task<IReadOnlyList<MemoryHistoryEntry>> ReadHistoryAsync(UserKey user, string? memoryId, CancellationToken cancellationToken)
    {
        Validate(user);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = memoryId is null
            ? "SELECT memory_id, event, before, after, at, actor, reason FROM history WHERE tenant = $tenant AND user_id = $user ORDER BY at, seq;"
            : "SELECT memory_id, event, before, after, at, actor, reason FROM history WHERE tenant = $tenant AND user_id = $user AND memory_id = $memory ORDER BY at, seq;";
        AddUser(command, user);
        if (memoryId is not null)
        {
            command.Parameters.AddWithValue("$memory", memoryId);
        }

        var entries = new List<MemoryHistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new MemoryHistoryEntry
            {
                MemoryId = reader.GetString(0),
                Event = MemoryRowReader.ParseEvent(reader.GetString(1)),
                Before = MemoryRowReader.FromSnapshotJson(reader, 2),
                After = MemoryRowReader.FromSnapshotJson(reader, 3),
                At = MemoryRowReader.FromTicks(reader.GetInt64(4)),
                Actor = reader.IsDBNull(5) ? null : reader.GetString(5),
                Reason = reader.IsDBNull(6) ? null : reader.GetString(6),
            });
        }

        return entries;
    }

    private async Task<Dictionary<string, MemoryItem>> GetManyAsync(UserKey user, List<string> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, MemoryItem>(ids.Count, StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(MaxParametersPerStatement))
        {
            await using var command = connection.CreateCommand();
            AddUser(command, user);
            var sql = new StringBuilder($"SELECT {SqliteSchema.MemoryColumns} FROM memories WHERE tenant = $tenant AND user_id = $user AND id IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "$id0" : $", $id{i}");
                command.Parameters.AddWithValue($"$id{i}", chunk[i]);
            }

            command.CommandText = sql.Append(");").ToString();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var memory = MemoryRowReader.Read(reader);
                found[memory.Id] = memory;
            }
        }

        return found;
    }

    /// <summary>Reads the user's vectors of one model into a new set (under the entry's gate, so no write is missed:
    /// writers update resident sets after committing, under the same gate).</summary>
    private VectorSet LoadSet(UserKey user, string model)
    {
        var started = Stopwatch.GetTimestamp();
        using var connection = _db.Open();
        using var count = connection.CreateCommand();
        count.CommandText = SqliteSchema.CountUserVectors;
        AddUser(count, user);
        count.Parameters.AddWithValue("$model", model);
        var rows = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        var set = new VectorSet(model, rows);
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.LoadUserVectors;
        AddUser(command, user);
        command.Parameters.AddWithValue("$model", model);
        using var reader = command.ExecuteReader();
        var buffer = Array.Empty<byte>();
        while (reader.Read())
        {
            if (reader.IsDBNull(5))
            {
                continue;
            }

            var length = (int)reader.GetBytes(5, 0, null, 0, 0);
            if (buffer.Length < length)
            {
                buffer = new byte[length];
            }

            reader.GetBytes(5, 0, buffer, 0, length);
            var vector = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(buffer.AsSpan(0, length - length % sizeof(float)));
            set.Add(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetInt64(4) != 0, vector);
        }

        LogIndexLoaded(_logger, set.Count, set.EstimatedBytes, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return set;
    }

    private void UpdateIndex(UserKey user, Action<VectorSet> apply)
    {
        if (_index.Find(user) is not { } entry)
        {
            return;
        }

        lock (entry.Gate)
        {
            if (entry.Dropped)
            {
                return;
            }

            foreach (var set in entry.Sets.Values)
            {
                apply(set);
            }

            _index.Account(entry, entry.EstimatedBytes);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureInitialisedAsync(cancellationToken);
        return await _db.OpenAsync(cancellationToken);
    }

    private async Task EnsureInitialisedAsync(CancellationToken cancellationToken)
    {
        if (_initialised)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (!_initialised)
            {
                await _db.InitialiseAsync(SqliteSchema.Create, SqliteSchema.Version, cancellationToken);
                await MigrateAsync(cancellationToken);
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
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.HasHistoryReason;
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = SqliteSchema.AddHistoryReason;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static void AppendFilter(StringBuilder sql, SqliteCommand command, MemoryFilter filter)
    {
        if (!filter.IncludeSuperseded)
        {
            sql.Append(" AND valid_to IS NULL");
        }

        if (filter.MinConfidence is { } minConfidence)
        {
            sql.Append(" AND confidence >= $minConfidence");
            command.Parameters.AddWithValue("$minConfidence", minConfidence);
        }

        if (filter.OccurredAfter is { } occurredAfter)
        {
            sql.Append(" AND occurred_at >= $occurredAfter");
            command.Parameters.AddWithValue("$occurredAfter", occurredAfter.UtcTicks);
        }

        if (filter.Contexts is { } contexts)
        {
            sql.Append(" AND context IN (");
            for (var i = 0; i < contexts.Count; i++)
            {
                sql.Append(i == 0 ? "$context0" : $", $context{i}");
                command.Parameters.AddWithValue($"$context{i}", contexts[i]);
            }

            sql.Append(')');
        }
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

    [LoggerMessage(EventId = 2050, EventName = "SqliteStoreOpened", Level = LogLevel.Information,
        Message = "Embedded memory store opened (schema version {SchemaVersion}).")]
    private static partial void LogOpened(ILogger logger, int schemaVersion);

    [LoggerMessage(EventId = 2051, EventName = "SqliteCheckpointIncomplete", Level = LogLevel.Warning,
        Message = "After a user's erasure the WAL could not be truncated: readers kept it busy. The erasure reports it; repeating it truncates again.")]
    private static partial void LogCheckpointIncomplete(ILogger logger);

    [LoggerMessage(EventId = 2052, EventName = "SqliteStoreNotReady", Level = LogLevel.Warning,
        Message = "Embedded memory store is not ready.")]
    private static partial void LogNotReady(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2053, EventName = "VectorIndexLoaded", Level = LogLevel.Debug,
        Message = "Loaded a user's vector index: {Vectors} vectors, ~{Bytes} bytes, in {ElapsedMs:F1} ms.")]
    private static partial void LogIndexLoaded(ILogger logger, int vectors, long bytes, double elapsedMs);
}

using System.Security.Cryptography;
using System.Text;
using Memory.Configuration;
using Memory.Diagnostics;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Memory.Embeddings;

/// <summary>Caches vectors by (model id, salted hash of the tenant and text) in <c>embedding-cache.db</c> under the
/// storage directory, with a small in-memory LRU in front. Only the hash is stored, never the text; the hash is an
/// HMAC under a key of this cache file with the tenant folded in, so two tenants never share (or can time) an entry.
/// Which user caused an entry is recorded (a keyed hash of the user, never the id), so erasure drops it. A batch sends
/// only its misses, once each, to the inner generator in one call. The model key is the request's model id (or the
/// generator's default) plus the requested dimensions, if any. Search queries (<see cref="EmbeddingInputs.Query"/>)
/// are kept in memory only, per user who asked (<see cref="GenerateQueriesAsync"/>).</summary>
internal sealed partial class CachingEmbeddingGenerator : DelegatingEmbeddingGenerator<string, Embedding<float>>, IEmbeddingCache
{
    public const string FileName = "embedding-cache.db";
    private const int MaxParametersPerStatement = 400;
    private const int PruneEvery = 1000;

    private const int SchemaVersion = 2;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS cache_key (id INTEGER PRIMARY KEY CHECK (id = 1), key BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS owners (
            owner      BLOB    NOT NULL,
            model      TEXT    NOT NULL,
            text_hash  BLOB    NOT NULL,
            PRIMARY KEY (owner, model, text_hash)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_owners_entry ON owners (model, text_hash);
        CREATE TABLE IF NOT EXISTS embeddings (
            model      TEXT    NOT NULL,
            text_hash  BLOB    NOT NULL,
            vector     BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (model, text_hash)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_embeddings_hash ON embeddings (text_hash);
        CREATE INDEX IF NOT EXISTS ix_embeddings_created ON embeddings (created_at);
        """;

    private readonly SqliteDatabase _db;
    private readonly LruCache<(string Model, string Hash), Embedding<float>> _memory;
    private readonly LruCache<(string Owner, string Model, string Hash), bool> _recordedOwners;
    private readonly LruCache<(string Owner, string Model, string Hash), Embedding<float>> _queries;
    private long _forgets;
    private byte[] _key = [];
    private readonly int _maxEntries;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly bool _distinctQueries;
    private volatile bool _initialised;
    private int _insertsSincePrune;

    public CachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, string directory, EmbeddingCacheOptions options, TimeProvider time, ILogger<CachingEmbeddingGenerator> logger)
        : base(inner)
    {
        _db = new SqliteDatabase(Path.Combine(directory, FileName));
        _memory = new LruCache<(string, string), Embedding<float>>(options.MemoryEntries);
        _recordedOwners = new LruCache<(string, string, string), bool>(Math.Max(1, options.MemoryEntries) * 2);
        _queries = new LruCache<(string, string, string), Embedding<float>>(options.MemoryEntries);
        _maxEntries = options.MaxEntries;
        _time = time;
        _logger = logger;
        // A model that embeds queries with an instruction prefix gives the same text two vectors.
        _distinctQueries = inner.GetService<Onnx.OnnxEmbeddingGenerator>()?.DistinctQueries is true;
    }

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values as IReadOnlyList<string> ?? values.ToList();
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        if (EmbeddingInputs.IsQuery(options))
        {
            return await GenerateQueriesAsync(texts, options, cancellationToken).ConfigureAwait(false);
        }

        var owner = EmbeddingOwner.Current;
        var model = ModelKey(options);
        var (results, hashes, missing) = Look(texts, owner?.Tenant, hash => _memory.TryGet((model, hash), out var cached) ? cached : null);

        if (missing.Count > 0)
        {
            // Read your own writes: a background write of an earlier batch lands before the disk is consulted.
            await FlushAsync().ConfigureAwait(false);
            foreach (var (hash, embedding) in await ReadAsync(model, missing.Keys.ToList(), cancellationToken).ConfigureAwait(false))
            {
                _memory.Set((model, hash), embedding);
                foreach (var i in missing[hash])
                {
                    results[i] = embedding;
                }

                missing.Remove(hash);
            }
        }

        UsageDetails? usage = null;
        List<(string Hash, Embedding<float> Embedding)>? newEntries = null;
        var madeAt = default(DateTimeOffset);
        if (missing.Count > 0)
        {
            (usage, var fresh, madeAt) = await GenerateMissingAsync(texts, missing, results, options, cancellationToken).ConfigureAwait(false);
            foreach (var (hash, embedding) in fresh)
            {
                _memory.Set((model, hash), embedding);
            }

            // The vectors are already in the in-memory cache and returned; persisting them is off the caller's path
            // (a search's query embedding must not wait for a disk write). Pending writes finish before disposal.
            newEntries = fresh;
        }

        // The new entries and who caused them (or asked for existing ones) go to disk in one queued write.
        var (ownerKey, ownerHashes) = owner is { } user ? NewOwnerRecords(user, model, hashes) : (null, null);
        if (newEntries is not null || ownerHashes is not null)
        {
            Queue(model, newEntries, madeAt, ownerKey, ownerHashes);
        }

        return new GeneratedEmbeddings<Embedding<float>>(results!) { Usage = usage };
    }

    /// <summary>Search queries: looked up in and added to an in-memory cache of their own, keyed by the user who asked
    /// as well, and never read from or written to disk. A question seldom comes back once the in-memory cache has let it
    /// go, so the disk lookup (a few hundred microseconds before the model could start, on a personalized call's path)
    /// and a commit per query (an fsync) bought nothing; keyed by user, erasure drops a user's queries exactly.</summary>
    private async Task<GeneratedEmbeddings<Embedding<float>>> GenerateQueriesAsync(
        IReadOnlyList<string> texts, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        var owner = EmbeddingOwner.Current;
        var ownerKey = owner is { } user ? OwnerOf(user) : string.Empty;
        var model = ModelKey(options);
        var (results, _, missing) = Look(texts, owner?.Tenant, hash => _queries.TryGet((ownerKey, model, hash), out var cached) ? cached : null);

        UsageDetails? usage = null;
        if (missing.Count > 0)
        {
            var forgets = Interlocked.Read(ref _forgets);
            (usage, var fresh, _) = await GenerateMissingAsync(texts, missing, results, options, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Read(ref _forgets) == forgets)
            {
                // (An erasure while this was embedded: the vector is returned but not kept, it may be the erased user's.)
                foreach (var (hash, embedding) in fresh)
                {
                    _queries.Set((ownerKey, model, hash), embedding);
                }
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(results!) { Usage = usage };
    }

    /// <summary>Each text's key, and its vector from <paramref name="cached"/> or its positions among the misses.</summary>
    private (Embedding<float>?[] Results, string[] Hashes, Dictionary<string, List<int>> Missing) Look(
        IReadOnlyList<string> texts, string? tenant, Func<string, Embedding<float>?> cached)
    {
        var results = new Embedding<float>?[texts.Count];
        var hashes = new string[texts.Count];
        var missing = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            hashes[i] = KeyOf(tenant, texts[i]);
            if (cached(hashes[i]) is { } vector)
            {
                results[i] = vector;
            }
            else
            {
                Missing(missing, hashes[i]).Add(i);
            }
        }

        return (results, hashes, missing);
    }

    /// <summary>Embeds each missing text once (the first of its positions) in one call to the inner generator and fills
    /// every position that asked for it; returns the new vectors by key and when they were made.</summary>
    private async Task<(UsageDetails? Usage, List<(string Hash, Embedding<float> Embedding)> Fresh, DateTimeOffset At)> GenerateMissingAsync(
        IReadOnlyList<string> texts, Dictionary<string, List<int>> missing, Embedding<float>?[] results, EmbeddingGenerationOptions? options,
        CancellationToken cancellationToken)
    {
        var order = missing.Keys.ToList();
        var generated = await base.GenerateAsync(order.Select(h => texts[missing[h][0]]).ToList(), options, cancellationToken).ConfigureAwait(false);
        if (generated.Count != order.Count)
        {
            throw new InvalidOperationException($"The embedding generator returned {generated.Count} vectors for {order.Count} inputs.");
        }

        var now = _time.GetUtcNow();
        var fresh = new List<(string Hash, Embedding<float> Embedding)>(order.Count);
        for (var j = 0; j < order.Count; j++)
        {
            var embedding = new Embedding<float>(generated[j].Vector) { ModelId = generated[j].ModelId, CreatedAt = generated[j].CreatedAt ?? now };
            fresh.Add((order[j], embedding));
            foreach (var i in missing[order[j]])
            {
                results[i] = embedding;
            }
        }

        return (generated.Usage, fresh, now);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                FlushAsync().Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // Write failures were logged where they happened.
            }

            StopWriter();
            _db.Dispose();
            _initGate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<List<(string Hash, Embedding<float> Embedding)>> ReadAsync(string model, List<string> hashes, CancellationToken cancellationToken)
    {
        var found = new List<(string, Embedding<float>)>();
        try
        {
            using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var chunk in hashes.Chunk(MaxParametersPerStatement))
            {
                using var command = connection.CreateCommand();
                command.Parameters.AddWithValue("$model", model);
                command.CommandText = "SELECT text_hash, vector, created_at FROM embeddings WHERE model = $model AND text_hash IN (" + Parameters(command, chunk) + ");";
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var hash = Convert.ToHexString(reader.GetFieldValue<byte[]>(0));
                    var vector = EmbeddingBlob.FromBlob(reader.GetFieldValue<byte[]>(1));
                    found.Add((hash, new Embedding<float>(vector) { ModelId = model, CreatedAt = new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero) }));
                }
            }
        }
        catch (SqliteException ex)
        {
            LogCacheFailed(_logger, "read", ex.SqliteErrorCode);
        }

        return found;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Task, byte> _pendingWrites = new();

    private void TrackWrite(Task write)
    {
        _pendingWrites[write] = 0;
        _ = write.ContinueWith(t => _pendingWrites.TryRemove(t, out _), TaskScheduler.Default);
    }

    /// <summary>Waits until every cache write queued so far is on disk.</summary>
    internal Task FlushAsync() => Task.WhenAll(_pendingWrites.Keys);

    private async Task PruneAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM embeddings;";
        var count = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) ?? 0L);
        if (count <= _maxEntries)
        {
            return;
        }

        command.CommandText = """
            DELETE FROM embeddings WHERE (model, text_hash) IN
                (SELECT model, text_hash FROM embeddings ORDER BY created_at LIMIT $excess);
            """;
        command.Parameters.AddWithValue("$excess", count - _maxEntries);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        command.CommandText = "DELETE FROM owners WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model = owners.model AND e.text_hash = owners.text_hash);";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
                _key = await InitialiseFileAsync(cancellationToken).ConfigureAwait(false);
                _initialised = true;
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    /// <summary>Creates the schema and the file's key; entries of an older, unsalted version are dropped (a cache).
    /// Without a usable file the cache still works in memory, under a key of this process.</summary>
    private async Task<byte[]> InitialiseFileAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var connection = await _db.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version;";
            var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            await _db.InitialiseAsync(Schema, SchemaVersion, cancellationToken).ConfigureAwait(false);
            if (version is > 0 and < SchemaVersion)
            {
                command.CommandText = "DELETE FROM embeddings;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await WalTruncation.TryTruncateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            command.CommandText = "INSERT OR IGNORE INTO cache_key (id, key) VALUES (1, $key); SELECT key FROM cache_key WHERE id = 1;";
            command.Parameters.AddWithValue("$key", RandomNumberGenerator.GetBytes(32));
            return (byte[])(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        catch (SqliteException ex)
        {
            LogCacheFailed(_logger, "open", ex.SqliteErrorCode);
            return RandomNumberGenerator.GetBytes(32);
        }
    }

    private string ModelKey(EmbeddingGenerationOptions? options)
    {
        var model = options?.ModelId is { Length: > 0 } requested ? requested : EmbeddingModels.IdOf(this);
        model = options?.Dimensions is { } dimensions ? $"{model}@{dimensions}" : model;
        return _distinctQueries && EmbeddingInputs.IsQuery(options) ? model + "#query" : model;
    }

    private static string Parameters(SqliteCommand command, string[] hashes)
    {
        var names = new StringBuilder();
        for (var i = 0; i < hashes.Length; i++)
        {
            names.Append(i == 0 ? "$h0" : $", $h{i}");
            command.Parameters.Add($"$h{i}", SqliteType.Blob).Value = Convert.FromHexString(hashes[i]);
        }

        return names.ToString();
    }

    private static List<int> Missing(Dictionary<string, List<int>> missing, string hash)
    {
        if (!missing.TryGetValue(hash, out var indexes))
        {
            missing[hash] = indexes = [];
        }

        return indexes;
    }


    [LoggerMessage(EventId = MemoryEventIds.EmbeddingCacheFailed, EventName = "EmbeddingCacheFailed", Level = LogLevel.Warning,
        Message = "Embedding cache {Operation} failed (SQLite error {ErrorCode}); falling through to the embedder.")]
    private static partial void LogCacheFailed(ILogger logger, string operation, int errorCode);
}

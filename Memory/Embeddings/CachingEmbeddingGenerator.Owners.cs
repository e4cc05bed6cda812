using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Memory.Model;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;

namespace Memory.Embeddings;

/// <summary>The cache's keys and erasure: entries are keyed by an HMAC of the tenant and text, and each user's part in
/// an entry is recorded (keyed hash of the user) so erasure can drop it, then truncate the write-ahead log.</summary>
internal sealed partial class CachingEmbeddingGenerator
{
    public async Task ForgetAsync(IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);
        var tenant = EmbeddingOwner.Current?.Tenant;
        var keys = texts.SelectMany(t => tenant is null ? new[] { KeyOf(null, t) } : new[] { KeyOf(tenant, t), KeyOf(null, t) }).ToHashSet(StringComparer.Ordinal);
        try
        {
            await ForgetEntriesAsync(owner: null, keys, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            LogCacheFailed(_logger, "forget", ex.SqliteErrorCode);
        }
    }

    public void ForgetQueries(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (!_initialised)
        {
            return; // nothing was cached yet
        }

        var owner = EmbeddingOwner.Current;
        var ownerKey = owner is { } user ? OwnerOf(user) : string.Empty;
        var keys = texts.Select(t => KeyOf(owner?.Tenant, t)).ToHashSet(StringComparer.Ordinal);
        _queries.RemoveWhere(key => string.Equals(key.Owner, ownerKey, StringComparison.Ordinal) && keys.Contains(key.Hash));
    }

    public async Task ForgetUserAsync(UserKey user, IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await EnsureInitialisedAsync(cancellationToken).ConfigureAwait(false);

        // The user's search queries live in memory only: they go first, whatever the disk does below, and a query
        // still being embedded (it began before this erasure) is not cached when it lands.
        Interlocked.Increment(ref _forgets);
        var erasedOwner = OwnerOf(user);
        _queries.RemoveWhere(key => string.Equals(key.Owner, erasedOwner, StringComparison.Ordinal));
        var keys = texts.SelectMany(t => new[] { KeyOf(user.Tenant, t), KeyOf(null, t) }).ToHashSet(StringComparer.Ordinal);
        bool truncated;
        try
        {
            truncated = await ForgetEntriesAsync(OwnerOf(user), keys, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            LogCacheFailed(_logger, "forget", ex.SqliteErrorCode);
            throw new ErasureIncompleteException($"The erased user's entries could not be removed from {FileName}.", ex);
        }

        if (!truncated)
        {
            throw new ErasureIncompleteException($"The write-ahead log of {FileName} could not be truncated after the erasure.");
        }
    }

    /// <summary>Deletes the entries with these text keys (any model) and, with an owner, every entry the owner caused;
    /// memory and disk, the queries of these texts (memory only) included; an erased user's own queries go in ForgetUserAsync. True when the write-ahead log was truncated afterwards.</summary>
    private async Task<bool> ForgetEntriesAsync(string? owner, IReadOnlySet<string> keys, CancellationToken cancellationToken)
    {
        await FlushAsync().ConfigureAwait(false);
        var entries = new HashSet<(string Model, string Hash)>();
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (owner is not null)
            {
                using var select = connection.CreateCommand();
                select.Transaction = transaction;
                select.CommandText = "SELECT model, text_hash FROM owners WHERE owner = $owner;";
                select.Parameters.Add("$owner", SqliteType.Blob).Value = Convert.FromHexString(owner);
                using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add((reader.GetString(0), Convert.ToHexString(reader.GetFieldValue<byte[]>(1))));
                }
            }

            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM embeddings WHERE model = $model AND text_hash = $hash; DELETE FROM owners WHERE model = $model AND text_hash = $hash;";
            var model = delete.Parameters.Add("$model", SqliteType.Text);
            var hash = delete.Parameters.Add("$hash", SqliteType.Blob);
            foreach (var entry in entries)
            {
                model.Value = entry.Model;
                hash.Value = Convert.FromHexString(entry.Hash);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var chunk in keys.Chunk(MaxParametersPerStatement))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                var parameters = Parameters(command, chunk);
                command.CommandText = $"DELETE FROM embeddings WHERE text_hash IN ({parameters}); DELETE FROM owners WHERE text_hash IN ({parameters});";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        _memory.RemoveWhere(key => keys.Contains(key.Hash) || entries.Contains(key));
        _queries.RemoveWhere(key => keys.Contains(key.Hash)); // (an erased user's own went first, in ForgetUserAsync)
        _recordedOwners.RemoveWhere(key => string.Equals(key.Owner, owner, StringComparison.Ordinal) || keys.Contains(key.Hash) || entries.Contains((key.Model, key.Hash)));
        var truncated = await WalTruncation.TryTruncateAsync(connection, CancellationToken.None).ConfigureAwait(false);
        if (!truncated)
        {
            LogCacheFailed(_logger, "wal truncation", 5); // SQLITE_BUSY
        }

        return truncated;
    }

    /// <summary>The user's owner key and the entries not recorded for them lately (null when none): what the next
    /// queued write records, so erasure can find every entry the user caused.</summary>
    private (string Owner, List<string>? Hashes) NewOwnerRecords(UserKey user, string model, string[] hashes)
    {
        var owner = OwnerOf(user);
        List<string>? fresh = null;
        foreach (var hash in hashes.Distinct(StringComparer.Ordinal))
        {
            if (!_recordedOwners.TryGet((owner, model, hash), out _))
            {
                _recordedOwners.Set((owner, model, hash), true);
                (fresh ??= []).Add(hash);
            }
        }

        return (owner, fresh);
    }

    /// <summary>The entry key of a text: HMAC-SHA256 under the file's key of the tenant (empty: no owner) and text.</summary>
    private string KeyOf(string? tenant, string text) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"text\n{(tenant ?? string.Empty).Length}:{tenant}{text}"))));

    private string OwnerOf(UserKey user) =>
        Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"owner\n{user.Tenant.Length}:{user.Tenant}{user.UserId}"))));
}

using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Guardrails.Audit;

/// <summary>Connections, schema, chain heads and user keys.</summary>
internal sealed partial class SqliteAuditLog
{
    private async ValueTask EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _init.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            await _db.InitialiseAsync(AuditSchema.Create, cancellationToken).ConfigureAwait(false);
            using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
            {
                await AuditSchemaMigration.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            GuardrailsLog.AuditOpened(_logger, DatabasePath);
            _initialized = true;
        }
        finally
        {
            _init.Release();
        }
    }

    private ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => _db.OpenAsync(cancellationToken);

    private static async ValueTask CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<ChainHead?> ReadChainAsync(SqliteConnection connection, SqliteTransaction? transaction, string tenant, string chain, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT head_id, head_hash, anchor_id, anchor_hash, head_seq, anchor_seq FROM audit_chains WHERE tenant = $tenant AND chain = $chain";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$chain", chain);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ChainHead(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5))
            : null;
    }

    private static async ValueTask WriteHeadAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, string chain, long id, long seq, string hash, ChainHead? previous, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = previous is null
            ? "INSERT INTO audit_chains (tenant, chain, head_id, head_hash, anchor_id, anchor_hash, head_seq, anchor_seq) VALUES ($tenant, $chain, $id, $hash, 0, $genesis, $seq, 0)"
            : "UPDATE audit_chains SET head_id = $id, head_hash = $hash, head_seq = $seq WHERE tenant = $tenant AND chain = $chain";
        command.Parameters.AddWithValue("$tenant", tenant);
        command.Parameters.AddWithValue("$chain", chain);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$genesis", AuditHasher.Genesis);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Row ids (shared by all tenants, never shown) are never reused, not even after retention pruned every
    /// row: the chains remember the last.</summary>
    private static async ValueTask<long> NextIdAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string chain, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT MAX((SELECT COALESCE(MAX(id), 0) FROM {table}), (SELECT COALESCE(MAX(head_id), 0) FROM audit_chains WHERE chain = $chain)) + 1";
        command.Parameters.AddWithValue("$chain", chain);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async ValueTask<List<(string Tenant, string Chain)>> ListChainsAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT tenant, chain FROM audit_chains ORDER BY tenant, chain";
        var chains = new List<(string, string)>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            chains.Add((reader.GetString(0), reader.GetString(1)));
        }

        return chains;
    }

    /// <summary>Deletes the longest run of rows at the head of a chain that are all older than the cutoff and
    /// moves the chain's anchor to the last of them.</summary>
    private static async ValueTask<int> PruneHeadAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string tenant, string chain, long cutoffMs, CancellationToken cancellationToken)
    {
        long lastId;
        long lastSeq;
        string lastHash;
        using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = $"""
                SELECT id, hash, seq FROM {table}
                WHERE tenant = $tenant AND id < COALESCE((SELECT MIN(id) FROM {table} WHERE tenant = $tenant AND at_ms >= $cutoff), 9223372036854775807)
                ORDER BY id DESC LIMIT 1
                """;
            find.Parameters.AddWithValue("$tenant", tenant);
            find.Parameters.AddWithValue("$cutoff", cutoffMs);
            using var reader = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            lastId = reader.GetInt64(0);
            lastHash = reader.GetString(1);
            lastSeq = reader.GetInt64(2);
        }

        int deleted;
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = $"DELETE FROM {table} WHERE tenant = $tenant AND id <= $last";
            delete.Parameters.AddWithValue("$tenant", tenant);
            delete.Parameters.AddWithValue("$last", lastId);
            deleted = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using (var anchor = connection.CreateCommand())
        {
            anchor.Transaction = transaction;
            anchor.CommandText = "UPDATE audit_chains SET anchor_id = $id, anchor_hash = $hash, anchor_seq = $seq WHERE tenant = $tenant AND chain = $chain";
            anchor.Parameters.AddWithValue("$id", lastId);
            anchor.Parameters.AddWithValue("$seq", lastSeq);
            anchor.Parameters.AddWithValue("$hash", lastHash);
            anchor.Parameters.AddWithValue("$tenant", tenant);
            anchor.Parameters.AddWithValue("$chain", chain);
            await anchor.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async ValueTask<(string KeyId, byte[] Key)> GetOrCreateUserKeyAsync(SqliteConnection connection, SqliteTransaction transaction, string tenant, string pseudonym, CancellationToken cancellationToken)
    {
        if (_sharedKeys is not null)
        {
            return await GetOrCreateSharedKeyAsync(_sharedKeys, tenant, pseudonym, cancellationToken).ConfigureAwait(false);
        }

        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT key_id, wrapped_key FROM audit_user_keys WHERE tenant = $tenant AND user_pseudonym = $user";
            select.Parameters.AddWithValue("$tenant", tenant);
            select.Parameters.AddWithValue("$user", pseudonym);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var keyId = reader.GetString(0);
                var wrapped = (byte[])reader.GetValue(1);
                if (ExcerptCipher.TryDecrypt(_keys.WrappingKey, wrapped, KeyAad(keyId), out var key))
                {
                    return (keyId, key);
                }

                throw new CryptographicException("An audit user key does not unwrap; the audit key file or Guardrails:PseudonymKey changed.");
            }
        }

        var newId = Guid.NewGuid().ToString("N");
        var newKey = RandomNumberGenerator.GetBytes(32);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO audit_user_keys (key_id, tenant, user_pseudonym, wrapped_key, created_ms) VALUES ($id, $tenant, $user, $key, $at)";
            insert.Parameters.AddWithValue("$id", newId);
            insert.Parameters.AddWithValue("$tenant", tenant);
            insert.Parameters.AddWithValue("$user", pseudonym);
            insert.Parameters.AddWithValue("$key", ExcerptCipher.Encrypt(_keys.WrappingKey, newKey, KeyAad(newId)));
            insert.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return (newId, newKey);
    }

    private async ValueTask<(string KeyId, byte[] Key)> GetOrCreateSharedKeyAsync(ISharedAuditKeys shared, string tenant, string pseudonym, CancellationToken cancellationToken)
    {
        var candidateId = Guid.NewGuid().ToString("N");
        var candidate = RandomNumberGenerator.GetBytes(32);
        var (keyId, wrapped) = await shared.GetOrAddAsync(tenant, pseudonym, candidateId,
            ExcerptCipher.Encrypt(_keys.WrappingKey, candidate, KeyAad(candidateId)), cancellationToken).ConfigureAwait(false);
        return ExcerptCipher.TryDecrypt(_keys.WrappingKey, wrapped, KeyAad(keyId), out var key)
            ? (keyId, key)
            : throw new CryptographicException("A shared audit user key does not unwrap; the replicas' Guardrails:PseudonymKey differ.");
    }

    private async ValueTask<byte[]?> FindUserKeyAsync(SqliteConnection connection, string keyId, Dictionary<string, byte[]?> cache, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(keyId, out var cached))
        {
            return cached;
        }

        if (_sharedKeys is not null)
        {
            byte[]? wrappedShared;
            try
            {
                wrappedShared = await _sharedKeys.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditKeysUnavailableException)
            {
                return null; // unreadable for now; not cached, a later read may find it
            }

            var found = wrappedShared is not null && ExcerptCipher.TryDecrypt(_keys.WrappingKey, wrappedShared, KeyAad(keyId), out var sharedKey) ? sharedKey : null;
            cache[keyId] = found;
            return found;
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT wrapped_key FROM audit_user_keys WHERE key_id = $id";
        select.Parameters.AddWithValue("$id", keyId);
        byte[]? key = null;
        if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] wrapped
            && ExcerptCipher.TryDecrypt(_keys.WrappingKey, wrapped, KeyAad(keyId), out var unwrapped))
        {
            key = unwrapped;
        }

        cache[keyId] = key;
        return key;
    }

    /// <summary>A chain's head and anchor: row ids (internal) and the tenant's numbers (<c>seq</c>, shown).</summary>
    private sealed record ChainHead(long HeadId, string HeadHash, long AnchorId, string AnchorHash, long HeadSeq, long AnchorSeq);
}

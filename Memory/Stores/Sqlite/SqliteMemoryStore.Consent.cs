using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Memory.Model;
using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>The consent table, read through <see cref="ConsentCache"/> (consent is read on every personalized call).
/// Rows are keyed by a hash of the tenant and user (<see cref="ConsentKey"/>), never the ids: a withdrawn consent
/// outlives the user's erasure, and must not keep an erased user's id (often an email) readable in the file.</summary>
internal sealed partial class SqliteMemoryStore
{
    public async Task<bool?> GetConsentAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (_consent.TryGet(user, out var known))
        {
            return known;
        }

        // A read that raced a change must not cache what it read: the generation tells.
        var generation = _consent.Generation;
        bool? consent;
        using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT memory FROM user_consent WHERE user_hash = $hash;";
            command.Parameters.AddWithValue("$hash", ConsentKey(user));
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            consent = value is long stored ? stored != 0 : null;
        }

        _consent.StoreRead(user, consent, generation);
        return consent;
    }

    public async Task SetConsentAsync(UserKey user, bool memory, CancellationToken cancellationToken = default)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO user_consent (user_hash, memory, updated_at) VALUES ($hash, $memory, $at)
            ON CONFLICT (user_hash) DO UPDATE SET memory = excluded.memory, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$hash", ConsentKey(user));
        command.Parameters.AddWithValue("$memory", memory ? 1 : 0);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcTicks);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Even a failed write may have committed: the next read goes to the file.
            _consent.Forget(user);
        }

        _consent.Changed(user, memory);
    }

    /// <summary>The consent row's key: SHA-256 of the tenant and user (length-prefixed tenant, so no two pairs share
    /// it), in its own domain so it never equals the user's erasure tombstone key.</summary>
    internal static string ConsentKey(UserKey user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Create(CultureInfo.InvariantCulture, $"consent\n{user.Tenant.Length}:{user.Tenant}{user.UserId}"))));

    /// <summary>Moves the consent rows of a version 1 or 2 file (ids in clear) to the hashed table, then drops the old
    /// table (<c>secure_delete</c> zeroes its pages).</summary>
    private static async Task MigrateClearConsentAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var probe = connection.CreateCommand();
        probe.CommandText = SqliteSchema.HasClearConsent;
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
        {
            return;
        }

        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(string Hash, long Memory, long At)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = SqliteSchema.ReadClearConsent;
            using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((ConsentKey(new UserKey(reader.GetString(0), reader.GetString(1))), reader.GetInt64(2), reader.GetInt64(3)));
            }
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO user_consent (user_hash, memory, updated_at) VALUES ($hash, $memory, $at) ON CONFLICT (user_hash) DO NOTHING;";
            var hash = insert.Parameters.Add("$hash", SqliteType.Text);
            var memory = insert.Parameters.Add("$memory", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Integer);
            foreach (var row in rows)
            {
                (hash.Value, memory.Value, at.Value) = (row.Hash, row.Memory, row.At);
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        using (var drop = connection.CreateCommand())
        {
            drop.Transaction = transaction;
            drop.CommandText = SqliteSchema.DropClearConsent;
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        // secure_delete zeroed the old rows in the new page images; the WAL still holds the images with the ids in
        // clear until it is truncated (as after an erasure). At open nothing else reads, so one attempt is enough to
        // try; a busy checkpoint leaves it to the next erasure's truncation.
        await WalTruncation.TruncateOnceAsync(connection, cancellationToken).ConfigureAwait(false);
    }
}

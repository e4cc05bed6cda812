using Memory.Model;
using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>The consent table, read through <see cref="ConsentCache"/> (consent is read on every personalized call).</summary>
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
            command.CommandText = "SELECT memory FROM consent WHERE tenant = $tenant AND user_id = $user;";
            AddUser(command, user);
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
            INSERT INTO consent (tenant, user_id, memory, updated_at) VALUES ($tenant, $user, $memory, $at)
            ON CONFLICT (tenant, user_id) DO UPDATE SET memory = excluded.memory, updated_at = excluded.updated_at;
            """;
        AddUser(command, user);
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
}

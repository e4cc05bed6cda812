using Memory.Model;

namespace Memory.Stores.Sqlite;

/// <summary>Erasure tombstones in the <c>erasures</c> table: a hash of the user key, its latest erasure generation
/// (one store-wide counter) and when; the generation is assigned by the writing statement itself.</summary>
internal sealed partial class SqliteMemoryStore : IErasureTombstoneStore
{
    public async Task<long> GetLatestErasureGenerationAsync(CancellationToken cancellationToken = default)
    {
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(generation), 0) FROM erasures;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<long> GetErasureGenerationAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation FROM erasures WHERE user_hash = $key;";
        command.Parameters.AddWithValue("$key", TombstoneKeys.Of(user));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long generation ? generation : 0;
    }

    public async Task<long> RecordErasureAsync(UserKey user, CancellationToken cancellationToken = default)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO erasures (user_hash, generation, erased_at)
            VALUES ($key, (SELECT COALESCE(MAX(generation), 0) + 1 FROM erasures), $at)
            ON CONFLICT (user_hash) DO UPDATE SET generation = excluded.generation, erased_at = excluded.erased_at
            RETURNING generation;
            """;
        command.Parameters.AddWithValue("$key", TombstoneKeys.Of(user));
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcTicks);
        // One statement: SQLite takes the write lock for it, so two erasures never get the same generation.
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary><c>wal_checkpoint(TRUNCATE)</c> with its result checked: copies the WAL into the main file and truncates
/// it to zero bytes, so no older page image (which may hold deleted text) survives in it. Readers can keep it busy;
/// it is retried with growing pauses, and false means it never completed.</summary>
internal static class WalTruncation
{
    public const int Attempts = 20;

    public static async Task<bool> TryTruncateAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await TruncateOnceAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>One attempt: true when the checkpoint was not blocked (the first result column, <c>busy</c>, is 0).</summary>
    public static async Task<bool> TruncateOnceAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.GetInt32(0) == 0;
    }
}

using Microsoft.Data.Sqlite;

namespace Guardrails.Audit;

/// <summary>Brings an audit file written before per-tenant numbering up to date, in one transaction: events and
/// verdicts get <c>seq</c>, numbered per tenant in the order they were written (1, 2, 3, ...); each chain's head and
/// anchor get the numbers that go with them. Hashes are untouched (they never covered <c>seq</c>), so a chain that
/// verified before still verifies. Idempotent: a file that has the columns is left alone.</summary>
internal static class AuditSchemaMigration
{
    public static async ValueTask MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        foreach (var table in new[] { "audit_events", "audit_verdicts" })
        {
            if (!await HasColumnAsync(connection, transaction, table, "seq", cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(connection, transaction, $"""
                    ALTER TABLE {table} ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                    UPDATE {table} SET seq = numbered.n
                    FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY tenant ORDER BY id) AS n FROM {table}) AS numbered
                    WHERE {table}.id = numbered.id;
                    """, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!await HasColumnAsync(connection, transaction, "audit_chains", "head_seq", cancellationToken).ConfigureAwait(false))
        {
            // Rows pruned before the migration are not numbered: a chain's remaining rows start at 1 after anchor 0.
            await ExecuteAsync(connection, transaction, $"""
                ALTER TABLE audit_chains ADD COLUMN head_seq INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE audit_chains ADD COLUMN anchor_seq INTEGER NOT NULL DEFAULT 0;
                UPDATE audit_chains SET head_seq = COALESCE((SELECT MAX(seq) FROM audit_events e WHERE e.tenant = audit_chains.tenant), 0)
                WHERE chain = '{AuditSchema.Events}';
                UPDATE audit_chains SET head_seq = COALESCE((SELECT MAX(seq) FROM audit_verdicts v WHERE v.tenant = audit_chains.tenant), 0)
                WHERE chain = '{AuditSchema.Verdicts}';
                """, cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction, AuditSchema.SeqIndexes, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<bool> HasColumnAsync(SqliteConnection connection, SqliteTransaction transaction, string table, string column, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

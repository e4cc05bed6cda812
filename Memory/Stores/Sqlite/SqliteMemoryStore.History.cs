using Memory.Model;
using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>The history table: every change to a memory, appended by the memory service, read oldest first.</summary>
internal sealed partial class SqliteMemoryStore
{
    public async Task AppendHistoryAsync(UserKey user, IReadOnlyList<MemoryHistoryEntry> entries, CancellationToken cancellationToken = default)
    {
        Validate(user);
        if (entries.Count == 0)
        {
            return;
        }

        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
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
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task RedactHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default)
    {
        Validate(user);
        ArgumentException.ThrowIfNullOrEmpty(memoryId);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The id can sit in a snapshot of another memory too (the one that superseded it); instr() narrows the rows,
        // the snapshot's own id decides. secure_delete zeroes the old row images in the pages written.
        var rewrites = new List<(long Seq, string? Before, string? After)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = """
                SELECT seq, before, after FROM history
                WHERE tenant = $tenant AND user_id = $user AND (instr(before, $id) > 0 OR instr(after, $id) > 0);
                """;
            AddUser(select, user);
            select.Parameters.AddWithValue("$id", memoryId);
            using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var before = MemoryRowReader.FromSnapshotJson(reader, 1);
                var after = MemoryRowReader.FromSnapshotJson(reader, 2);
                if (HistoryRedaction.HoldsContentOf(before, memoryId) || HistoryRedaction.HoldsContentOf(after, memoryId))
                {
                    rewrites.Add((reader.GetInt64(0),
                        MemoryRowReader.SnapshotJson(HistoryRedaction.Redact(before, memoryId)),
                        MemoryRowReader.SnapshotJson(HistoryRedaction.Redact(after, memoryId))));
                }
            }
        }

        using (var update = connection.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE history SET before = $before, after = $after WHERE seq = $seq;";
            var seq = update.Add("$seq");
            var before = update.Add("$before");
            var after = update.Add("$after");
            foreach (var rewrite in rewrites)
            {
                seq.Value = rewrite.Seq;
                before.Value = MemoryRowReader.DbValue(rewrite.Before);
                after.Value = MemoryRowReader.DbValue(rewrite.After);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetHistoryAsync(UserKey user, string memoryId, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(user, memoryId, cancellationToken);

    public Task<IReadOnlyList<MemoryHistoryEntry>> GetUserHistoryAsync(UserKey user, CancellationToken cancellationToken = default) =>
        ReadHistoryAsync(user, null, cancellationToken);


    private async Task<IReadOnlyList<MemoryHistoryEntry>> ReadHistoryAsync(UserKey user, string? memoryId, CancellationToken cancellationToken)
    {
        Validate(user);
        using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = memoryId is null
            ? "SELECT memory_id, event, before, after, at, actor, reason FROM history WHERE tenant = $tenant AND user_id = $user ORDER BY at, seq;"
            : "SELECT memory_id, event, before, after, at, actor, reason FROM history WHERE tenant = $tenant AND user_id = $user AND memory_id = $memory ORDER BY at, seq;";
        AddUser(command, user);
        if (memoryId is not null)
        {
            command.Parameters.AddWithValue("$memory", memoryId);
        }

        var entries = new List<MemoryHistoryEntry>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
}

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

using Memory.Model;
using Memory.Stores.Sqlite;
using Memory.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.Stores;

/// <summary>A memory file written before history had a reason opens, keeps its history, and records reasons from then on.</summary>
public sealed class SqliteHistoryReasonMigrationTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_version_1_file_gains_the_reason_column_and_keeps_its_history()
    {
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteMemoryStore.FileName)};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE history (seq INTEGER PRIMARY KEY, tenant TEXT NOT NULL, user_id TEXT NOT NULL, memory_id TEXT NOT NULL,
                    event TEXT NOT NULL, before TEXT NULL, after TEXT NULL, at INTEGER NOT NULL, actor TEXT NULL);
                INSERT INTO history (tenant, user_id, memory_id, event, before, after, at, actor)
                VALUES ('acme', 'alice', 'm-old', 'ADD', NULL, NULL, 638000000000000000, 'key-1');
                PRAGMA user_version = 1;
                """;
            await command.ExecuteNonQueryAsync();
        }

        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));
        using var store = new SqliteMemoryStore(_directory.Path, 1024 * 1024, time, NullLogger<SqliteMemoryStore>.Instance);
        await store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = "m-new", Event = MemoryEvent.Add, At = time.GetUtcNow(), Reason = "new" }]);

        var history = await store.GetUserHistoryAsync(Alice);

        Assert.Equal(["m-old", "m-new"], history.Select(h => h.MemoryId));
        Assert.Equal([null, "new"], history.Select(h => h.Reason));
        Assert.Equal("key-1", history[0].Actor);
    }
}

using System.Text;
using Memory.Model;
using Memory.Stores.Sqlite;
using Memory.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TestDoubles;

namespace Memory.Tests.Stores;

/// <summary>Consent is kept under a hash of the tenant and user, never the ids: a withdrawn consent outlives erasure,
/// and the erased user's id (here an email) must not stay readable in the file. Files of versions 1 and 2 kept the ids
/// in clear; they are moved over when opened.</summary>
public sealed class SqliteConsentKeyTests : IDisposable
{
    private const string Email = "dana.withdrawn@example.org";
    private static readonly UserKey Dana = new("acme", Email);
    private static readonly UserKey Other = new("acme", "other.person@example.org");
    private readonly TempDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private string FilePath => Path.Combine(_directory.Path, SqliteMemoryStore.FileName);

    private SqliteMemoryStore OpenStore() =>
        new(_directory.Path, 1024 * 1024, new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero)), NullLogger<SqliteMemoryStore>.Instance);

    private List<string> FilesHolding(string text)
    {
        var patterns = new[] { Encoding.UTF8.GetBytes(text), Encoding.Unicode.GetBytes(text) };
        return [.. Directory.EnumerateFiles(_directory.Path).Where(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return patterns.Any(p => copy.ToArray().AsSpan().IndexOf(p) >= 0);
        }).Select(path => Path.GetFileName(path))];
    }

    [Fact]
    public async Task A_withdrawn_consent_set_again_after_erasure_keeps_no_id_in_clear()
    {
        using (var store = OpenStore())
        {
            await store.SetConsentAsync(Dana, false);
            await store.DeleteUserAsync(Dana);
            await store.SetConsentAsync(Dana, false); // what the erasure endpoint does for a user who had withdrawn consent

            Assert.False(await store.GetConsentAsync(Dana));
            Assert.Null(await store.GetConsentAsync(Other));
        }

        SqliteConnection.ClearAllPools();
        Assert.Empty(FilesHolding(Email));
        using var reopened = OpenStore();
        Assert.False(await reopened.GetConsentAsync(Dana));
    }

    [Fact]
    public async Task Erasure_removes_the_consent_record()
    {
        using var store = OpenStore();
        await store.SetConsentAsync(Dana, true);

        await store.DeleteUserAsync(Dana);

        Assert.Null(await store.GetConsentAsync(Dana));
    }

    [Fact]
    public async Task A_version_2_file_keeps_its_consent_and_loses_the_ids_in_clear()
    {
        await using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA journal_mode = DELETE;
                PRAGMA secure_delete = ON;
                CREATE TABLE consent (tenant TEXT NOT NULL, user_id TEXT NOT NULL, memory INTEGER NOT NULL, updated_at INTEGER NOT NULL,
                    PRIMARY KEY (tenant, user_id)) WITHOUT ROWID;
                INSERT INTO consent VALUES ('acme', '{Email}', 0, 638000000000000000), ('acme', 'other.person@example.org', 1, 638000000000000000);
                PRAGMA user_version = 2;
                """;
            await command.ExecuteNonQueryAsync();
        }

        using (var store = OpenStore())
        {
            Assert.False(await store.GetConsentAsync(Dana));
            Assert.True(await store.GetConsentAsync(Other));
            Assert.Null(await store.GetConsentAsync(new UserKey("other-tenant", Email)));

            // The migration truncates the WAL itself: while the store is open, no file holds the ids in clear.
            Assert.Empty(FilesHolding("other.person@example.org"));
            Assert.Empty(FilesHolding(Email));
            await store.DeleteUserAsync(Dana); // truncates the WAL: the pages the migration rewrote reach the main file
            await store.SetConsentAsync(Dana, false);
        }

        SqliteConnection.ClearAllPools();
        Assert.Empty(FilesHolding(Email));
        using var reopened = OpenStore();
        Assert.False(await reopened.GetConsentAsync(Dana));
        Assert.True(await reopened.GetConsentAsync(Other));
    }
}

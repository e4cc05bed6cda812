using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Memory.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using TestDoubles;

namespace Memory.Tests.Stores;

/// <summary>What the embedded store adds to the shared suite: files on disk, erasure without trace, the resident index.</summary>
public sealed class SqliteMemoryStoreTests : IDisposable
{
    private static readonly UserKey Alice = new("acme", "alice");
    private static readonly UserKey Bob = new("acme", "bob");
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Model = "test-model";

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Erasing_a_user_leaves_no_file_under_the_directory_holding_their_text()
    {
        const string secret = "Zanzibar-7f3c9 is where Alice keeps her spare key";
        using var store = CreateStore();
        var memory = Memory(secret, 1);
        await store.UpsertAsync(Alice, [memory]);
        await store.UpsertAsync(Alice, [memory with { Text = secret + ", under the blue pot", UpdatedAt = T0.AddMinutes(1) }]);
        await store.AppendHistoryAsync(Alice, [new MemoryHistoryEntry { MemoryId = memory.Id, Event = MemoryEvent.Add, After = memory, At = T0 }]);
        await store.UpsertAsync(Bob, [Memory("Bob likes chess.", 2)]);
        await store.SearchAsync(Alice, TestVectors.Random(1), Model, MemoryFilter.Current, 5);
        Assert.NotEmpty(_directory.FilesContaining(secret));

        await store.DeleteUserAsync(Alice);

        Assert.Empty(_directory.FilesContaining("Zanzibar-7f3c9"));
        Assert.NotEmpty(_directory.FilesContaining("Bob likes chess."));
        Assert.Single(await store.ListAsync(Bob, MemoryFilter.Current));
    }

    [Fact]
    public async Task The_store_file_uses_wal_and_survives_reopening()
    {
        var memory = Memory("Alice speaks Portuguese.", 3) with { Sources = ["m1"] };
        using (var store = CreateStore())
        {
            await store.UpsertAsync(Alice, [memory]);
            await store.SetConsentAsync(Alice, false);
        }

        using (var reopened = CreateStore())
        {
            var stored = await reopened.GetAsync(Alice, memory.Id);
            Assert.Equal("Alice speaks Portuguese.", stored?.Text);
            Assert.False(await reopened.GetConsentAsync(Alice));
            Assert.Single(await reopened.SearchAsync(Alice, TestVectors.Random(3), Model, MemoryFilter.Current, 3));
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteMemoryStore.FileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Embeddings_are_stored_as_blobs_with_their_model()
    {
        using var store = CreateStore();
        var memory = Memory("Alice cycles to work.", 4);
        await store.UpsertAsync(Alice, [memory]);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteMemoryStore.FileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT embedding_model, typeof(embedding), length(embedding) FROM memories;";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Model, reader.GetString(0));
        Assert.Equal("blob", reader.GetString(1));
        Assert.Equal(16 * sizeof(float), reader.GetInt64(2));
    }

    [Fact]
    public async Task The_index_stays_within_its_byte_budget_by_evicting_the_least_recently_used_users()
    {
        const long budget = 64 * 1024;
        using var store = CreateStore(budget);
        var users = Enumerable.Range(0, 40).Select(i => new UserKey("acme", $"user-{i}")).ToList();
        foreach (var user in users)
        {
            await store.UpsertAsync(user, Enumerable.Range(0, 20).Select(i => Memory($"{user.UserId} fact {i}", i)).ToList());
        }

        foreach (var user in users)
        {
            await store.SearchAsync(user, TestVectors.Random(0), Model, MemoryFilter.Current, 3);
            Assert.True(store.Index.ResidentBytes <= budget, $"{store.Index.ResidentBytes} > {budget}");
        }

        Assert.True(store.Index.Evictions > 0);
        Assert.True(store.Index.ResidentUsers < users.Count);
        // The most recent user stayed resident; an evicted one reloads and still answers exactly.
        var first = await store.SearchAsync(users[0], TestVectors.Random(5), Model, MemoryFilter.Current, 1);
        Assert.Equal("user-0 fact 5", first[0].Memory.Text);
        Assert.Equal(1.0, first[0].Score, 4);
    }

    [Fact]
    public async Task The_index_is_kept_current_by_writes_while_resident()
    {
        using var store = CreateStore();
        var kept = Memory("kept", 10);
        var removed = Memory("removed", 11);
        await store.UpsertAsync(Alice, [kept, removed]);
        await store.SearchAsync(Alice, TestVectors.Random(10), Model, MemoryFilter.Current, 5);
        var bytesBefore = store.Index.ResidentBytes;

        await store.DeleteAsync(Alice, removed.Id);
        await store.UpsertAsync(Alice, Enumerable.Range(0, 30).Select(i => Memory($"new {i}", 100 + i)).ToList());

        var results = await store.SearchAsync(Alice, TestVectors.Random(11), Model, MemoryFilter.Current, 100);
        Assert.Equal(31, results.Count);
        Assert.DoesNotContain(results, r => r.Memory.Id == removed.Id);
        Assert.True(store.Index.ResidentBytes > bytesBefore);
        Assert.Equal(1, store.Index.ResidentUsers);
    }

    [Fact]
    public async Task Concurrent_writes_and_searches_of_many_users_stay_consistent()
    {
        using var store = CreateStore(budget: 32 * 1024);
        var users = Enumerable.Range(0, 8).Select(i => new UserKey("acme", $"user-{i}")).ToList();

        await Parallel.ForEachAsync(users, async (user, ct) =>
        {
            for (var round = 0; round < 15; round++)
            {
                await store.UpsertAsync(user, [Memory($"{user.UserId} round {round}", round)], ct);
                var hits = await store.SearchAsync(user, TestVectors.Random(round), Model, MemoryFilter.Current, 50, ct);
                Assert.Equal(round + 1, hits.Count);
                Assert.Equal($"{user.UserId} round {round}", hits[0].Memory.Text);
                Assert.All(hits, h => Assert.StartsWith(user.UserId + " ", h.Memory.Text));
            }
        });
    }

    [Theory]
    [InlineData(SqliteSchema.CountUserVectors)]
    [InlineData(SqliteSchema.LoadUserVectors)]
    public async Task Loading_a_users_vectors_reads_through_the_user_index_not_the_whole_table(string sql)
    {
        using (var store = CreateStore())
        {
            await store.UpsertAsync(Alice, [Memory("Alice rows", 13)]);
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory.Path, SqliteMemoryStore.FileName)}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        command.Parameters.AddWithValue("$tenant", "acme");
        command.Parameters.AddWithValue("$user", "alice");
        command.Parameters.AddWithValue("$model", Model);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Contains("(tenant=? AND user_id=?)", reader.GetString(3), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_with_a_query_of_another_size_finds_nothing()
    {
        using var store = CreateStore();
        await store.UpsertAsync(Alice, [Memory("sixteen dimensions", 12)]);

        Assert.Empty(await store.SearchAsync(Alice, TestVectors.Random(12, dimensions: 8), Model, MemoryFilter.Current, 5));
    }

    [Fact]
    public async Task Operations_without_tenant_or_user_are_refused()
    {
        using var store = CreateStore();

        await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new UserKey("", "alice"), MemoryFilter.Current));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteUserAsync(new UserKey("acme", "")));
    }

    private SqliteMemoryStore CreateStore(long budget = 16 * 1024 * 1024) =>
        new(_directory.Path, budget, TimeProvider.System, NullLogger<SqliteMemoryStore>.Instance);

    private static MemoryItem Memory(string text, int seed) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Text = text,
        OccurredAt = T0,
        CreatedAt = T0,
        UpdatedAt = T0,
        EmbeddingModel = Model,
        Embedding = TestVectors.Random(seed),
    };
}

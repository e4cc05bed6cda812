using Memory.Model;
using Memory.Stores;
using Memory.Stores.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks;

/// <summary>The store benchmarks' data: 10k background users with a few memories each (built once into a cached
/// SQLite file and copied per run), one target user with N memories; 384-dimension random unit vectors.</summary>
internal static class StoreBenchmarkData
{
    public const int Dimensions = 384;
    public const int BackgroundUsers = 10_000;
    public const int MemoriesPerBackgroundUser = 10;
    public const string Model = "bench-384";
    public static readonly UserKey Target = new("bench", "target");

    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "memory-store-bench-cache");

    /// <summary>A fresh folder holding a copy of the background dataset.</summary>
    public static async Task<string> PrepareAsync()
    {
        var baseFile = Path.Combine(CacheDirectory, $"base-{BackgroundUsers}x{MemoriesPerBackgroundUser}-{Dimensions}", SqliteMemoryStore.FileName);
        if (!File.Exists(baseFile))
        {
            await BuildBaseAsync(Path.GetDirectoryName(baseFile)!);
        }

        var run = Path.Combine(Path.GetTempPath(), "memory-store-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(run);
        File.Copy(baseFile, Path.Combine(run, SqliteMemoryStore.FileName));
        return run;
    }

    public static SqliteMemoryStore Open(string directory, long maxIndexBytes = 1L << 30) =>
        new(directory, maxIndexBytes, TimeProvider.System, NullLogger<SqliteMemoryStore>.Instance);

    public static UserKey BackgroundUser(int i) => new("bench", $"user-{i:D5}");

    public static MemoryItem Memory(Random random, int i) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Text = $"Benchmark memory {i}: the user mentioned preference number {random.Next()} in passing.",
        Context = (i % 4) switch { 0 => "chat", 1 => "docs", 2 => "search", _ => "support" },
        Confidence = 0.3 + random.NextDouble() * 0.7,
        OccurredAt = T0.AddMinutes(i),
        CreatedAt = T0.AddMinutes(i),
        UpdatedAt = T0.AddMinutes(i),
        EmbeddingModel = Model,
        Embedding = Vector(random),
    };

    public static float[] Vector(Random random)
    {
        var v = new float[Dimensions];
        double norm = 0;
        for (var i = 0; i < v.Length; i++)
        {
            // Box-Muller: Gaussian components give directions uniform on the sphere.
            var g = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            v[i] = (float)g;
            norm += g * g;
        }

        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }

        return v;
    }

    public static void Delete(string directory)
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task BuildBaseAsync(string directory)
    {
        var building = directory + ".building";
        Delete(building);
        Directory.CreateDirectory(building);
        using (var store = Open(building))
        {
            var random = new Random(42);
            for (var u = 0; u < BackgroundUsers; u++)
            {
                var memories = Enumerable.Range(0, MemoriesPerBackgroundUser).Select(i => Memory(random, i)).ToList();
                await store.UpsertAsync(BackgroundUser(u), memories);
            }
        }

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(building, SqliteMemoryStore.FileName)}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Delete(directory);
        Directory.Move(building, directory);
    }
}

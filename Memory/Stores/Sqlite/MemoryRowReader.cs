using System.Text.Json;
using Memory.Model;
using Microsoft.Data.Sqlite;

namespace Memory.Stores.Sqlite;

/// <summary>Reads and binds memory rows (<see cref="SqliteSchema.MemoryColumns"/>) and history snapshots.</summary>
internal static class MemoryRowReader
{
    public static MemoryItem Read(SqliteDataReader reader, int offset = 0) => new()
    {
        Id = reader.GetString(offset),
        Text = reader.GetString(offset + 1),
        Context = reader.GetString(offset + 2),
        Confidence = reader.GetDouble(offset + 3),
        OccurredAt = FromTicks(reader.GetInt64(offset + 4)),
        CreatedAt = FromTicks(reader.GetInt64(offset + 5)),
        UpdatedAt = FromTicks(reader.GetInt64(offset + 6)),
        ValidTo = reader.IsDBNull(offset + 7) ? null : FromTicks(reader.GetInt64(offset + 7)),
        Sources = JsonSerializer.Deserialize(reader.GetString(offset + 8), SqliteJsonContext.Default.ListString) ?? [],
        Metadata = JsonSerializer.Deserialize(reader.GetString(offset + 9), SqliteJsonContext.Default.DictionaryStringString)
            ?? new Dictionary<string, string>(),
        EmbeddingModel = reader.IsDBNull(offset + 10) ? null : reader.GetString(offset + 10),
        Embedding = reader.IsDBNull(offset + 11) ? null : EmbeddingBlob.FromBlob(reader.GetFieldValue<byte[]>(offset + 11)),
    };

    public static string SourcesJson(MemoryItem memory) =>
        JsonSerializer.Serialize(memory.Sources as List<string> ?? [.. memory.Sources], SqliteJsonContext.Default.ListString);

    public static string MetadataJson(MemoryItem memory) =>
        JsonSerializer.Serialize(
            memory.Metadata as Dictionary<string, string> ?? new Dictionary<string, string>(memory.Metadata, StringComparer.Ordinal),
            SqliteJsonContext.Default.DictionaryStringString);

    /// <summary>A history snapshot: the memory without its vector.</summary>
    public static string? SnapshotJson(MemoryItem? memory) =>
        memory is null ? null : JsonSerializer.Serialize(memory with { Embedding = null }, SqliteJsonContext.Default.MemoryItem);

    public static MemoryItem? FromSnapshotJson(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize(reader.GetString(ordinal), SqliteJsonContext.Default.MemoryItem);

    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    public static object DbValue(DateTimeOffset? value) => value is { } v ? v.UtcTicks : DBNull.Value;

    public static object DbValue(string? value) => value is null ? DBNull.Value : value;

    public static string EventName(MemoryEvent e) => e.ToWire();

    public static MemoryEvent ParseEvent(string wire)
    {
        foreach (var e in Enum.GetValues<MemoryEvent>())
        {
            if (string.Equals(e.ToWire(), wire, StringComparison.Ordinal))
            {
                return e;
            }
        }

        throw new InvalidDataException("Unknown memory event in history.");
    }

    public static SqliteParameter Add(this SqliteCommand command, string name) =>
        command.Parameters.Add(new SqliteParameter { ParameterName = name });
}

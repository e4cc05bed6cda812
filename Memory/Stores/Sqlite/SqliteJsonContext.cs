using System.Text.Json.Serialization;
using Memory.Model;

namespace Memory.Stores.Sqlite;

/// <summary>Source-generated JSON for the columns that hold structured values (sources, metadata, history snapshots).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(MemoryItem))]
internal sealed partial class SqliteJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using Memory.WriteBack.Extraction;

namespace Memory.WriteBack;

/// <summary>Source-generated JSON for what the outbox stores: the turn and its extraction checkpoint.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationTurn))]
[JsonSerializable(typeof(List<ExtractedFact>))]
internal sealed partial class WriteBackJsonContext : JsonSerializerContext;

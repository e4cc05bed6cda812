using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Endpoints.Dtos;

// Strict numbers: "confidence": "0.5" or "limit": "10" is a malformed request (400), as in OpenAI's API, not a number.
// A repeated property ({"memory": true, "memory": false}, or "text" beside "Text": names match case-insensitively) is
// refused as the chat APIs refuse it, not resolved silently to the last one: a proxy or guard reading the first would
// see another request than the one stored.
/// <summary>Source-generated JSON for the gateway's own API (camelCase, as the contract spells fields).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(WriteMemoriesRequest))]
[JsonSerializable(typeof(WriteMemoriesResponse))]
[JsonSerializable(typeof(SearchMemoriesRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(MemoryListResponse))]
[JsonSerializable(typeof(MemoryDto))]
[JsonSerializable(typeof(PatchMemoryRequest))]
[JsonSerializable(typeof(HistoryResponse))]
[JsonSerializable(typeof(ConsentDto))]
[JsonSerializable(typeof(ConsentResponse))]
[JsonSerializable(typeof(ExportResponse))]
[JsonSerializable(typeof(EraseResponse))]
[JsonSerializable(typeof(ObservationRequest))]
[JsonSerializable(typeof(ObservationResponse))]
[JsonSerializable(typeof(DeletedResponse))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string> Checks);

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gateway.Prompts;

/// <summary>Source-generated JSON for the prompt endpoints (camelCase, nulls written).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PromptListResponse))]
[JsonSerializable(typeof(PromptPreviewResponse))]
[JsonSerializable(typeof(PromptStatsResponse))]
internal sealed partial class PromptJsonContext : JsonSerializerContext;

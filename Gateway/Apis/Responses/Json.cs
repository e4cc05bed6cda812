using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gateway.Apis.Responses;

/// <summary>Small typed reads of JSON nodes the Responses translation uses on both sides.</summary>
internal static class Json
{
    public static string? String(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null;

    public static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static long Long(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var l) ? l : 0;

    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}

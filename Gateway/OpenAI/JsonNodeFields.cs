using System.Text.Json.Nodes;

namespace Gateway.OpenAI;

/// <summary>Reads into JSON that apps and upstreams send, whatever its shape: a member of something that is not an
/// object, or an element of something that is not an array, is absent (null) instead of an exception (the indexers
/// of <see cref="JsonNode"/> throw on the wrong kind, which a malformed answer would have turned into a 500).</summary>
internal static class JsonNodeFields
{
    /// <summary><paramref name="node"/>'s member <paramref name="name"/> when it is an object; else null.</summary>
    public static JsonNode? Field(this JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    /// <summary><paramref name="node"/>'s element <paramref name="index"/> when it is an array that long; else null.</summary>
    public static JsonNode? Item(this JsonNode? node, int index) => node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;
}

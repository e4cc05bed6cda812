using System.Text.Json.Nodes;

namespace TestDoubles.OpenAI;

/// <summary>One request the fake upstream received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string RawBody)
{
    public JsonObject? Json => string.IsNullOrEmpty(RawBody) ? null : JsonNode.Parse(RawBody) as JsonObject;
}

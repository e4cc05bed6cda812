namespace Gateway.Tests.MemoryApi;

/// <summary>The contract's memory JSON (CONTRACT.md, Memory) and small readers over it.</summary>
public static class MemoryJson
{
    /// <summary>A memory's fields, exactly as the contract names them, in the order the gateway writes them.</summary>
    public static readonly string[] Fields =
        ["id", "text", "context", "confidence", "occurredAt", "createdAt", "updatedAt", "validTo", "sources", "metadata"];

    /// <summary>A search result: a memory plus its score.</summary>
    public static readonly string[] SearchFields = [.. Fields, "score"];

    public static JsonObject NewMemory(string text, string? context = null, double? confidence = null, string? occurredAt = null,
        string[]? sources = null, IDictionary<string, string>? metadata = null)
    {
        var m = new JsonObject { ["text"] = text };
        if (context is not null)
        {
            m["context"] = context;
        }

        if (confidence is { } c)
        {
            m["confidence"] = c;
        }

        if (occurredAt is not null)
        {
            m["occurredAt"] = occurredAt;
        }

        if (sources is not null)
        {
            m["sources"] = new JsonArray(sources.Select(s => (JsonNode?)s).ToArray());
        }

        if (metadata is not null)
        {
            var o = new JsonObject();
            foreach (var (k, v) in metadata)
            {
                o[k] = v;
            }

            m["metadata"] = o;
        }

        return m;
    }

    public static string Text(JsonNode? memory) => (string)memory!["text"]!;

    public static string Id(JsonNode? memory) => (string)memory!["id"]!;

    public static List<string> Texts(JsonArray memories) => memories.Select(Text).ToList();

    public static List<string> Strings(JsonNode? array) => array!.AsArray().Select(s => (string)s!).ToList();

    public static DateTimeOffset Time(JsonNode? node) =>
        DateTimeOffset.Parse((string)node!, System.Globalization.CultureInfo.InvariantCulture);
}

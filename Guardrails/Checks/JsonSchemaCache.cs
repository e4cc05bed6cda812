using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Guardrails.Checks;

/// <summary>Parses the schemas apps send with <c>response_format</c> once and keeps them (bounded). Accepts the
/// bare schema or OpenAI's <c>{"name", "schema", "strict"}</c> wrapper; refuses schemas with external
/// <c>$ref</c>s, which NJsonSchema would otherwise fetch, and schemas with a pattern .NET cannot parse.</summary>
internal sealed class JsonSchemaCache
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new(StringComparer.Ordinal);

    /// <summary>The parsed schema, or null (with <paramref name="error"/>) when it cannot be used.</summary>
    public async ValueTask<(JsonSchema? Schema, string? Error)> GetAsync(string schemaJson, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(schemaJson)));
        if (_schemas.TryGetValue(key, out var cached))
        {
            return (cached, cached is null ? "unusable schema" : null);
        }

        JsonSchema? schema = null;
        string? error = null;
        try
        {
            var node = JsonNode.Parse(schemaJson);
            if (node is JsonObject wrapper && wrapper["schema"] is JsonObject inner && wrapper.ContainsKey("name"))
            {
                node = inner;
            }

            var patterns = SchemaPatterns.Collect(node);
            if (node is null || HasExternalReference(node))
            {
                error = "schema is empty or has an external $ref";
            }
            else if (SchemaPatterns.FirstInvalid(patterns) is { } invalid)
            {
                error = invalid;
            }
            else
            {
                schema = await JsonSchema.FromJsonAsync(node.ToJsonString(), cancellationToken).ConfigureAwait(false);
                SchemaPatterns.Remember(schema, patterns);
            }
        }
        catch (Exception ex) when (ex is JsonException or Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            error = "schema does not parse";
        }

        if (_schemas.Count >= Capacity)
        {
            _schemas.Clear();
        }

        _schemas[key] = schema;
        return (schema, error);
    }

    private static bool HasExternalReference(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var target) && !target.StartsWith('#'))
                    {
                        return true;
                    }

                    if (value is not null && HasExternalReference(value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonArray array:
                return array.Any(item => item is not null && HasExternalReference(item));
            default:
                return false;
        }
    }
}

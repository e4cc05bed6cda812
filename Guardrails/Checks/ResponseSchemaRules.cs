using System.Text.Json;
using System.Text.Json.Nodes;

namespace Guardrails.Checks;

/// <summary>Request-time checks of the JSON schema an app sends with <c>response_format</c>, so that a schema the
/// output guard could not use is refused with a 400 before anything goes upstream.</summary>
public static class ResponseSchemaRules
{
    /// <summary>Why <paramref name="schema"/> cannot be used (a <c>pattern</c> or <c>patternProperties</c> key
    /// that is not a valid regular expression); null when it can.</summary>
    public static string? Problem(JsonNode? schema)
    {
        try
        {
            return SchemaPatterns.FirstInvalid(SchemaPatterns.Collect(schema));
        }
        catch (JsonException)
        {
            return "the schema is not valid JSON";
        }
    }
}

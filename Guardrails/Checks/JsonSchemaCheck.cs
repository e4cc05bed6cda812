using System.Text.Json;
using Guardrails.Abstractions;

namespace Guardrails.Checks;

/// <summary>When the app asked for <c>response_format: json_schema</c>, the answer must be JSON that validates
/// against the schema (NJsonSchema); otherwise <c>schema.invalid</c>, whose default action is to re-ask.</summary>
internal sealed class JsonSchemaCheck : IGuardrailCheck
{
    public const string Rule = "schema.invalid";
    private const int MaxErrorsReported = 5;

    public string Family => RuleFamilies.Schema;

    public int StreamWindow => 0;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (context.Stage != GuardrailStage.Output || context.ResponseSchema is not { } schema)
        {
            return [];
        }

        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            return [Invalid($"not JSON: {ex.Message.Split('.')[0]}")];
        }

        var errors = schema.Validate(text);
        if (errors.Count == 0)
        {
            return [];
        }

        var described = string.Join("; ", errors.Take(MaxErrorsReported).Select(e => $"{e.Kind} at {(string.IsNullOrEmpty(e.Path) ? "#" : e.Path)}"));
        return [Invalid($"{errors.Count} schema error(s): {described}")];
    }

    private static Detection Invalid(string evidence) => new(Rule, 0, 0, string.Empty, Evidence: evidence);
}

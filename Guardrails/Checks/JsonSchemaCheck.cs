using System.Text.Json;
using System.Text.RegularExpressions;
using Guardrails.Abstractions;

namespace Guardrails.Checks;

/// <summary>When the app asked for <c>response_format: json_schema</c>, the answer must be JSON that validates
/// against the schema (NJsonSchema); otherwise <c>schema.invalid</c>, whose default action is to re-ask. An
/// answer the validator cannot handle fails the schema rather than the request: nested deeper than
/// <see cref="MaxDepth"/> levels, a schema pattern that cannot decide it in time (<see cref="SchemaPatterns"/>),
/// or anything NJsonSchema throws on.</summary>
internal sealed class JsonSchemaCheck : IGuardrailCheck
{
    public const string Rule = "schema.invalid";

    /// <summary>Deepest answer validated: NJsonSchema reads answers with Json.NET, whose limit is 64.</summary>
    public const int MaxDepth = 64;

    private const int MaxErrorsReported = 5;

    public string Family => RuleFamilies.Schema;

    public int StreamWindow => 0;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (context.Stage != GuardrailStage.Output || context.ResponseSchema is not { } schema)
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            var depth = ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase);
            return [Invalid(depth ? $"nested deeper than {MaxDepth} levels" : $"not JSON: {ex.Message.Split('.')[0]}")];
        }

        using (document)
        {
            var patterns = SchemaPatterns.Of(schema);
            if (!patterns.IsEmpty && !SchemaPatterns.Decide(document.RootElement, patterns, context.Budget, out var reason))
            {
                return [Invalid(reason!)];
            }
        }

        ICollection<NJsonSchema.Validation.ValidationError> errors;
        try
        {
            errors = schema.Validate(text);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or ArgumentException or InvalidOperationException or FormatException or RegexMatchTimeoutException)
        {
            return [Invalid($"the validator could not check the answer ({ex.GetType().Name})")];
        }

        if (errors.Count == 0)
        {
            return [];
        }

        var described = string.Join("; ", errors.Take(MaxErrorsReported).Select(e => $"{e.Kind} at {(string.IsNullOrEmpty(e.Path) ? "#" : e.Path)}"));
        return [Invalid($"{errors.Count} schema error(s): {described}")];
    }

    private static Detection Invalid(string evidence) => new(Rule, 0, 0, string.Empty, Evidence: evidence);
}

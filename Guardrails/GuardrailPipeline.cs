using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Decisions;
using Guardrails.Policies;
using Guardrails.Streaming;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NJsonSchema;

namespace Guardrails;

/// <summary>Runs a stage's checks under the effective policy (default ⊕ key ⊕ context), combines the findings
/// (the strongest action wins; redactions apply right to left without overlap) and records every non-allow
/// decision in the audit log.</summary>
internal sealed class GuardrailPipeline(
    IEnumerable<IGuardrailCheck> checks,
    PolicyStore policies,
    DecisionRecorder recorder,
    JsonSchemaCache schemas,
    IOptions<GuardrailsOptions> options,
    ILogger<GuardrailPipeline> logger) : IGuardrailPipeline
{
    private readonly IGuardrailCheck[] _checks = checks.ToArray();

    public async ValueTask<GuardrailResult> CheckAsync(GuardrailStage stage, string text, GuardrailRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.Enabled || text.Length == 0)
        {
            return GuardrailResult.Allowed(text);
        }

        var policy = policies.Resolve(context.KeyId, context.Context);
        var schema = await ResolveSchemaAsync(stage, context, policy, cancellationToken).ConfigureAwait(false);
        return await RunAsync(stage, text, context, policy, schema, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<GuardrailResult> CheckToolArgumentsAsync(string arguments, GuardrailRequestContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.Enabled || arguments.Length == 0)
        {
            return GuardrailResult.Allowed(arguments);
        }

        var policy = policies.Resolve(context.KeyId, context.Context).ToolArguments;
        var toolContext = context with { ResponseJsonSchema = null };
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(arguments);
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            // Not JSON (a model's broken call): checked as the text it is.
            return await RunAsync(GuardrailStage.Output, arguments, toolContext, policy, null, cancellationToken).ConfigureAwait(false);
        }

        if (root is JsonValue scalar && LeafText(scalar) is { } only)
        {
            // Arguments that are one string or number: the value is checked, and written back as a JSON string.
            var checkedValue = await RunAsync(GuardrailStage.Output, only, toolContext, policy, null, cancellationToken).ConfigureAwait(false);
            return checkedValue.Redactions.Count == 0
                ? checkedValue with { Text = arguments, Redactions = [] }
                : checkedValue with { Text = JsonValue.Create(checkedValue.Text).ToJsonString(), Redactions = [] };
        }

        // Each string value is checked as "name: value" so key-named secrets ("password": "...") keep their cue.
        var view = new StringBuilder();
        var leaves = new List<ToolArgumentLeaf>();
        Collect(root, null, view, leaves);
        var text = view.ToString();
        var result = await RunAsync(GuardrailStage.Output, text, toolContext, policy, null, cancellationToken).ConfigureAwait(false);
        if (result.Redactions.Count == 0)
        {
            return result with { Text = arguments, Redactions = [] };
        }

        foreach (var leaf in leaves)
        {
            leaf.Apply(text, result.Redactions);
        }

        return result with { Text = root.ToJsonString(), Redactions = [] };
    }

    public IStreamingGuard BeginStream(GuardrailRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = options.Value.Enabled ? policies.Resolve(context.KeyId, context.Context) : GuardrailPolicy.AllowAll;
        return new StreamingGuard(this, _checks, policy, context, recorder, logger);
    }

    public IStreamingGuard BeginToolArgumentsStream(GuardrailRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = options.Value.Enabled ? policies.Resolve(context.KeyId, context.Context).ToolArguments : GuardrailPolicy.AllowAll;
        return new StreamingGuard(this, _checks, policy, context with { ResponseJsonSchema = null }, recorder, logger);
    }

    /// <summary>The parsed response schema when the schema check runs for this request.</summary>
    internal async ValueTask<JsonSchema?> ResolveSchemaAsync(GuardrailStage stage, GuardrailRequestContext context, GuardrailPolicy policy, CancellationToken cancellationToken)
    {
        if (stage != GuardrailStage.Output || string.IsNullOrWhiteSpace(context.ResponseJsonSchema) || !policy.IsActive(stage, RuleFamilies.Schema))
        {
            return null;
        }

        var (schema, error) = await schemas.GetAsync(context.ResponseJsonSchema, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            GuardrailsLog.SchemaUnusable(logger, error);
        }

        return schema;
    }

    private async ValueTask<GuardrailResult> RunAsync(
        GuardrailStage stage, string text, GuardrailRequestContext context, GuardrailPolicy policy, JsonSchema? schema, CancellationToken cancellationToken)
    {
        var checkContext = new CheckContext(stage, context, policy, schema);
        var decisions = CheckRunner.Run(CheckRunner.Active(_checks, stage, policy), text, checkContext, logger);
        if (decisions.Count == 0)
        {
            return GuardrailResult.Allowed(text);
        }

        var action = decisions.Max(d => d.Action);
        var spans = JsonRedaction.KeepJson(text, Redaction.Resolve(decisions.Where(d => d.Action == GuardrailAction.Redact).Select(d => d.Detection)));
        var redacted = Redaction.Apply(text, spans);
        var ordered = decisions.OrderByDescending(d => d.Action).ThenBy(d => d.Detection.Start).ToList();
        var findings = await recorder.RecordAsync(stage, text, ordered, context, policy, cancellationToken).ConfigureAwait(false);
        GuardrailsLog.Decision(logger, DecisionRecorder.StageName(stage), DecisionRecorder.ActionName(action), findings.Count, ordered[0].Detection.Rule);
        return new GuardrailResult(action, redacted, findings)
        {
            Redactions = spans.Select(s => new RedactedSpan(s.Start, s.Length, s.Replacement)).ToList(),
        };
    }

    private static void Collect(JsonNode? node, string? name, StringBuilder view, List<ToolArgumentLeaf> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is JsonValue v && LeafText(v) is { } value)
                    {
                        leaves.Add(ToolArgumentLeaf.Add(view, key, value, s => obj[key] = s));
                    }
                    else
                    {
                        Collect(child, key, view, leaves);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    if (array[i] is JsonValue v && LeafText(v) is { } value)
                    {
                        leaves.Add(ToolArgumentLeaf.Add(view, name, value, s => array[index] = s));
                    }
                    else
                    {
                        Collect(array[i], name, view, leaves);
                    }
                }

                break;
        }
    }

    /// <summary>The text of a string or number value (a card number may come as a JSON number: a redacted one is
    /// written back as a string), or null for other values.</summary>
    private static string? LeafText(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };
}

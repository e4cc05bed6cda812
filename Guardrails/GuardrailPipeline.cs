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
        var checkContext = new CheckContext(stage, context, policy, schema);
        var decisions = CheckRunner.Run(CheckRunner.Active(_checks, stage, policy), text, checkContext, logger);
        if (decisions.Count == 0)
        {
            return GuardrailResult.Allowed(text);
        }

        var action = decisions.Max(d => d.Action);
        var redacted = Redaction.Apply(text, decisions.Where(d => d.Action == GuardrailAction.Redact).Select(d => d.Detection));
        var ordered = decisions.OrderByDescending(d => d.Action).ThenBy(d => d.Detection.Start).ToList();
        var findings = await recorder.RecordAsync(stage, text, ordered, context, policy, cancellationToken).ConfigureAwait(false);
        GuardrailsLog.Decision(logger, DecisionRecorder.StageName(stage), DecisionRecorder.ActionName(action), findings.Count, ordered[0].Detection.Rule);
        return new GuardrailResult(action, redacted, findings);
    }

    public IStreamingGuard BeginStream(GuardrailRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var policy = options.Value.Enabled ? policies.Resolve(context.KeyId, context.Context) : GuardrailPolicy.AllowAll;
        return new StreamingGuard(this, _checks, policy, context, recorder, logger);
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
}

using Guardrails.Abstractions;
using Guardrails.Audit;
using Guardrails.Checks;
using Guardrails.Policies;
using Microsoft.Extensions.Logging;

namespace Guardrails.Decisions;

/// <summary>Turns decisions into findings (with redacted excerpts) and records every one in the audit log.
/// An audit failure is logged, never thrown: the request goes on, and the log's gap shows in monitoring.</summary>
internal sealed class DecisionRecorder(IAuditLog audit, ILogger<DecisionRecorder> logger)
{
    /// <summary>Most audit events one text may produce (a list of a thousand e-mails is one decision, not a flood).</summary>
    public const int MaxEventsPerText = 50;

    public async ValueTask<List<GuardrailFinding>> RecordAsync(
        GuardrailStage stage, string text, IReadOnlyList<Decision> decisions, GuardrailRequestContext context, GuardrailPolicy policy, CancellationToken cancellationToken)
    {
        var findings = new List<GuardrailFinding>(decisions.Count);
        if (decisions.Count == 0)
        {
            return findings;
        }

        var sensitive = SensitiveTextRedactor.Find(text);
        sensitive.AddRange(decisions.Select(d => d.Detection).Where(d => d.Family == RuleFamilies.Leakage && d.HasSpan));
        var stageName = StageName(stage);
        if (decisions.Count > MaxEventsPerText)
        {
            GuardrailsLog.FindingsCapped(logger, decisions.Count, MaxEventsPerText);
        }

        for (var i = 0; i < decisions.Count; i++)
        {
            var (detection, action) = decisions[i];
            var excerpt = ExcerptBuilder.Build(text, detection, sensitive, policy.ExcerptChars);
            findings.Add(new GuardrailFinding(detection.Rule, action, excerpt, detection.Score));
            if (i >= MaxEventsPerText)
            {
                continue;
            }

            try
            {
                await audit.AppendAsync(new AuditEntry
                {
                    RequestId = context.RequestId,
                    Tenant = context.Tenant,
                    UserId = context.UserId,
                    Stage = stageName,
                    Rule = detection.Rule,
                    Action = ActionName(action),
                    Excerpt = excerpt,
                    Score = detection.Score,
                    TemplateVersion = context.TemplateVersion,
                    KeyId = context.KeyId,
                    PolicyVersion = policy.Version,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                GuardrailsLog.AuditWriteFailed(logger, detection.Rule, ex);
            }
        }

        return findings;
    }

    public static string StageName(GuardrailStage stage) => stage switch
    {
        GuardrailStage.Input => "input",
        GuardrailStage.Output => "output",
        _ => "memory",
    };

    public static string ActionName(GuardrailAction action) => action switch
    {
        GuardrailAction.Allow => "allow",
        GuardrailAction.Flag => "flag",
        GuardrailAction.Redact => "redact",
        GuardrailAction.Retry => "retry",
        _ => "block",
    };
}

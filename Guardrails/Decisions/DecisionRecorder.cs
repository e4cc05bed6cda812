using System.Globalization;
using Guardrails.Abstractions;
using Guardrails.Audit;
using Guardrails.Checks;
using Guardrails.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Guardrails.Decisions;

/// <summary>Turns decisions into findings (with redacted excerpts) and records them in the audit log, all of one
/// text in one append (one transaction). A request records at most <c>Guardrails:MaxAuditEventsPerRequest</c>
/// events over all its texts and stages; the first time it is refused some, one <c>guardrail.audit_capped</c>
/// event says so. An audit failure is logged, never thrown: the request goes on, and the log's gap shows in
/// monitoring.</summary>
internal sealed class DecisionRecorder(IAuditLog audit, IOptions<GuardrailsOptions> options, TimeProvider time, ILogger<DecisionRecorder> logger)
{
    public const string CappedRule = "guardrail.audit_capped";

    private readonly RequestAuditAllowance _allowance = new(Math.Max(1, options.Value.MaxAuditEventsPerRequest), time);

    public async ValueTask<List<GuardrailFinding>> RecordAsync(
        GuardrailStage stage, string text, IReadOnlyList<Decision> decisions, GuardrailRequestContext context, GuardrailPolicy policy, CancellationToken cancellationToken)
    {
        var findings = new List<GuardrailFinding>(decisions.Count);
        if (decisions.Count == 0)
        {
            return findings;
        }

        var found = SensitiveTextRedactor.Find(text);
        found.AddRange(decisions.Select(d => d.Detection).Where(d => d.Family == RuleFamilies.Leakage && d.HasSpan));
        var sensitive = new SensitiveSpans(found);
        var stageName = StageName(stage);
        if (context.DryRun)
        {
            findings.AddRange(decisions.Select(d => new GuardrailFinding(d.Detection.Rule, d.Action, ExcerptBuilder.Build(text, d.Detection, sensitive, policy.ExcerptChars), d.Detection.Score)));
            return findings;
        }

        var granted = _allowance.Take(context.Tenant, context.CallId ?? context.RequestId, decisions.Count, out var firstRefusal);
        var entries = new List<AuditEntry>(granted + 1);
        for (var i = 0; i < decisions.Count; i++)
        {
            var (detection, action) = decisions[i];
            var excerpt = ExcerptBuilder.Build(text, detection, sensitive, policy.ExcerptChars);
            findings.Add(new GuardrailFinding(detection.Rule, action, excerpt, detection.Score));
            if (i < granted)
            {
                entries.Add(Entry(context, policy, stageName, detection.Rule, ActionName(action), excerpt, detection.Score));
            }
        }

        if (granted < decisions.Count)
        {
            GuardrailsLog.FindingsCapped(logger, decisions.Count - granted, _allowance.PerRequest);
        }

        if (firstRefusal)
        {
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"this request reached the cap of {_allowance.PerRequest} audit events; {decisions.Count - granted} finding(s) of this {stageName} text and any later ones are not recorded (strongest action left out: {ActionName(decisions.Skip(granted).Max(d => d.Action))})");
            entries.Add(Entry(context, policy, stageName, CappedRule, "flag", summary, 1.0));
        }

        if (entries.Count == 0)
        {
            return findings;
        }

        try
        {
            await audit.AppendManyAsync(entries, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            GuardrailsLog.AuditWriteFailed(logger, entries[0].Rule, ex);
        }

        return findings;
    }

    private static AuditEntry Entry(GuardrailRequestContext context, GuardrailPolicy policy, string stage, string rule, string action, string excerpt, double score) => new()
    {
        RequestId = context.RequestId,
        Tenant = context.Tenant,
        UserId = context.UserId,
        Stage = stage,
        Rule = rule,
        Action = action,
        Excerpt = excerpt,
        Score = score,
        TemplateVersion = context.TemplateVersion,
        KeyId = context.KeyId,
        PolicyVersion = policy.Version,
    };

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

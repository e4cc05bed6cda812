using System.Text.RegularExpressions;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Microsoft.Extensions.Logging;

namespace Guardrails.Decisions;

/// <summary>Runs checks over a text and pairs each detection with its policy action, dropping allowed ones.
/// A check that fails (a regex timeout on pathological input) is logged and skipped, never thrown.</summary>
internal static class CheckRunner
{
    public static List<Decision> Run(IEnumerable<IGuardrailCheck> checks, string text, CheckContext context, ILogger logger)
    {
        var decisions = new List<Decision>();
        foreach (var check in checks)
        {
            try
            {
                foreach (var detection in check.Detect(text, context))
                {
                    var action = context.Policy.ActionFor(context.Stage, detection.Rule);
                    if (action != GuardrailAction.Allow)
                    {
                        decisions.Add(new Decision(detection, action));
                    }
                }
            }
            catch (RegexMatchTimeoutException ex)
            {
                GuardrailsLog.CheckFailed(logger, check.Family, context.Stage.ToString(), ex);
            }
        }

        return decisions;
    }

    /// <summary>The checks worth running at a stage under a policy.</summary>
    public static IEnumerable<IGuardrailCheck> Active(IEnumerable<IGuardrailCheck> checks, GuardrailStage stage, Policies.GuardrailPolicy policy) =>
        checks.Where(c => policy.IsActive(stage, c.Family));
}

using System.Globalization;
using System.Text.RegularExpressions;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Policies;
using Microsoft.Extensions.Logging;

namespace Guardrails.Decisions;

/// <summary>Runs checks over a text and pairs each detection with its policy action, dropping allowed ones.
/// Each check runs under the policy's time budget. A check that fails closed: when it runs out of time (or a
/// pattern times out) its findings so far are kept and a <c>guardrail.error</c> decision is added with the
/// action the policy gives check errors (default: the family's action, as if the check had matched the whole
/// text), so the failure is audited and enforced, never silently dropped.</summary>
internal static class CheckRunner
{
    public static List<Decision> Run(IEnumerable<IGuardrailCheck> checks, string text, CheckContext context, ILogger logger)
    {
        var decisions = new List<Decision>();
        List<Detection>? validated = null;
        LookalikeView? view = null;
        var viewMade = false;
        foreach (var check in checks)
        {
            var budget = new CheckBudget(context.Policy.Time, context.Policy.CheckTimeout);
            var checkContext = context with { Budget = budget };
            try
            {
                // Personal data and credentials are looked for through lookalike characters (no-break spaces,
                // zero-width characters, fullwidth digits) too, and found where they lie in the original text.
                var sees = check.Family is RuleFamilies.Pii or RuleFamilies.Secret;
                if (sees && !viewMade)
                {
                    view = LookalikeView.Of(text);
                    viewMade = true;
                }

                var seen = sees && view is not null ? view : null;
                var found = seen is null ? check.Detect(text, checkContext) : check.Detect(seen.Text, checkContext).Select(seen.ToOriginal);
                foreach (var detection in found)
                {
                    if (detection.Rule is SsnCheck.Rule or NhsNumberCheck.Rule or NationalIdCheck.Rule or DateOfBirthCheck.Rule or IbanCheck.Rule or PaymentCardCheck.Rule)
                    {
                        (validated ??= []).Add(detection);
                    }

                    var action = context.Policy.ActionFor(context.Stage, detection.Rule);
                    if (action != GuardrailAction.Allow)
                    {
                        decisions.Add(new Decision(detection, action));
                    }

                    budget.ThrowIfExceeded();
                }
            }
            catch (Exception ex) when (ex is RegexMatchTimeoutException or CheckTimeoutException)
            {
                GuardrailsLog.CheckFailed(logger, check.Family, context.Stage.ToString(), ex);
                if (CheckError(check.Family, text, context, budget.Limit) is { } failure)
                {
                    decisions.Add(failure);
                }
            }
        }

        if (validated is not null)
        {
            // A number a checksum or registry vouches for ("078-05-1120" as an SSN, an IBAN's "0417 1643 00") is not
            // also a phone number: one finding, under the rule that says what it is.
            DropPhonesInside(decisions, validated);
        }

        return decisions;
    }

    /// <summary>Removes the phone decisions whose span lies inside one of <paramref name="validated"/>: sorted by
    /// start with a running furthest end, each phone is settled by one binary search (a text dense with SSNs that
    /// are also phone-shaped stays linearithmic).</summary>
    private static void DropPhonesInside(List<Decision> decisions, List<Detection> validated)
    {
        validated.Sort((a, b) => a.Start.CompareTo(b.Start));
        var starts = new int[validated.Count];
        var furthestEnd = new int[validated.Count];
        for (var i = 0; i < validated.Count; i++)
        {
            starts[i] = validated[i].Start;
            furthestEnd[i] = Math.Max(validated[i].End, i > 0 ? furthestEnd[i - 1] : 0);
        }

        decisions.RemoveAll(d =>
        {
            if (d.Detection.Rule != PhoneCheck.Rule)
            {
                return false;
            }

            var at = Array.BinarySearch(starts, d.Detection.Start);
            var last = at >= 0 ? LastWithStart(starts, at) : ~at - 1;
            return last >= 0 && furthestEnd[last] >= d.Detection.End;
        });
    }

    private static int LastWithStart(int[] starts, int index)
    {
        while (index + 1 < starts.Length && starts[index + 1] == starts[index])
        {
            index++;
        }

        return index;
    }

    /// <summary>The checks worth running at a stage under a policy.</summary>
    public static IEnumerable<IGuardrailCheck> Active(IEnumerable<IGuardrailCheck> checks, GuardrailStage stage, GuardrailPolicy policy) =>
        checks.Where(c => policy.IsActive(stage, c.Family));

    /// <summary>The decision for a failed check: redaction covers the whole text (where the match would have
    /// been is unknown); the audit excerpt describes the failure and quotes nothing.</summary>
    private static Decision? CheckError(string family, string text, CheckContext context, TimeSpan limit)
    {
        var action = context.Policy.ActionOnCheckError(context.Stage, family);
        if (action == GuardrailAction.Allow)
        {
            return null;
        }

        var evidence = string.Create(CultureInfo.InvariantCulture, $"check {family} did not finish within {limit.TotalMilliseconds:0} ms on {text.Length} characters");
        var replacement = family == RuleFamilies.Secret ? Placeholders.Secret : Placeholders.Redacted;
        return new Decision(new Detection(GuardrailPolicy.CheckErrorRule, 0, text.Length, replacement, Evidence: evidence), action);
    }
}

namespace Guardrails.Checks;

/// <summary>Terms the policy forbids (<c>blocklists:</c>), whole words, case-insensitive: rule
/// <c>blocklist.&lt;list&gt;</c>.</summary>
internal sealed class BlocklistCheck : IGuardrailCheck
{
    public string Family => RuleFamilies.Blocklist;

    public int StreamWindow => Policies.PolicyLimits.MaxTermLength + 2;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (var list in context.Policy.Blocklists)
        {
            foreach (System.Text.RegularExpressions.Match match in list.Pattern.Matches(text))
            {
                yield return new Detection(list.Rule, match.Index, match.Length, Placeholders.Redacted);
            }
        }
    }
}

namespace Guardrails.Checks;

/// <summary>Subjects the policy keeps out (<c>topics:</c>), recognised by their phrases, whole words,
/// case-insensitive: rule <c>topic.&lt;name&gt;</c>.</summary>
internal sealed class TopicCheck : IGuardrailCheck
{
    public string Family => RuleFamilies.Topic;

    public int StreamWindow => Policies.PolicyLimits.MaxTermLength + 2;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        foreach (var topic in context.Policy.Topics)
        {
            foreach (System.Text.RegularExpressions.Match match in topic.Pattern.Matches(text))
            {
                yield return new Detection(topic.Rule, match.Index, match.Length, Placeholders.Redacted);
            }
        }
    }
}

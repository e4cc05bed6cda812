namespace Guardrails.Policies;

/// <summary>One policy file as written in YAML. Every field is optional so that an override file states only
/// what it changes; <see cref="GuardrailPolicy.Merge"/> lays overrides over the default.</summary>
internal sealed class PolicyDocument
{
    public string? Description { get; set; }

    /// <summary>Per stage (<c>input</c>, <c>output</c>, <c>memory</c>): rule or family → action.</summary>
    public Dictionary<string, Dictionary<string, string>>? Actions { get; set; }

    /// <summary>Rule or family → action for the arguments of tool calls the model writes; what it does not name
    /// follows <c>actions.output</c>.</summary>
    public Dictionary<string, string>? ToolArguments { get; set; }

    /// <summary>Named thresholds: <c>injection</c> (0..1), <c>entropy</c> (bits per character).</summary>
    public Dictionary<string, double>? Thresholds { get; set; }

    public int? MaxOutputChars { get; set; }

    public int? ReaskMaxAttempts { get; set; }

    public int? ExcerptChars { get; set; }

    /// <summary>List name → forbidden terms; rule <c>blocklist.&lt;name&gt;</c>. An empty list removes it.</summary>
    public Dictionary<string, List<string>>? Blocklists { get; set; }

    /// <summary>Topic name → phrases; rule <c>topic.&lt;name&gt;</c>. An empty list removes it.</summary>
    public Dictionary<string, List<string>>? Topics { get; set; }
}

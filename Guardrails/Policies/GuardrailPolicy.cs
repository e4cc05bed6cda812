using System.Collections.Frozen;
using Guardrails.Abstractions;
using Guardrails.Checks;

namespace Guardrails.Policies;

/// <summary>The effective policy for one request: the default file with the key's and the context's overrides
/// laid over it. Immutable; cached per (key, context) until the files change.</summary>
internal sealed class GuardrailPolicy
{
    public const int DefaultReaskMaxAttempts = 2;
    public const int DefaultExcerptChars = 160;

    private readonly FrozenDictionary<GuardrailStage, FrozenDictionary<string, GuardrailAction>> _actions;
    private readonly FrozenDictionary<string, double> _thresholds;

    /// <summary>Per stage, the families some rule of which does anything (read on every check call, so computed once).</summary>
    private readonly FrozenDictionary<GuardrailStage, FrozenSet<string>> _activeFamilies;
    private GuardrailPolicy? _toolArguments;

    private GuardrailPolicy(
        string version,
        FrozenDictionary<GuardrailStage, FrozenDictionary<string, GuardrailAction>> actions,
        FrozenDictionary<string, double> thresholds,
        int maxOutputChars,
        int reaskMaxAttempts,
        int excerptChars,
        IReadOnlyList<TermList> blocklists,
        IReadOnlyList<TermList> topics)
    {
        Version = version;
        _actions = actions;
        _activeFamilies = actions.ToFrozenDictionary(
            a => a.Key,
            a => a.Value.Where(r => r.Value != GuardrailAction.Allow).Select(r => RuleFamilies.FamilyOf(r.Key)).ToFrozenSet(StringComparer.Ordinal));
        _thresholds = thresholds;
        MaxOutputChars = maxOutputChars;
        ReaskMaxAttempts = reaskMaxAttempts;
        ExcerptChars = excerptChars;
        Blocklists = blocklists;
        Topics = topics;
    }

    /// <summary>Names the files (and their versions) this policy was merged from.</summary>
    public string Version { get; }

    public int MaxOutputChars { get; }

    public int ReaskMaxAttempts { get; }

    public int ExcerptChars { get; }

    public IReadOnlyList<TermList> Blocklists { get; }

    public IReadOnlyList<TermList> Topics { get; }

    /// <summary>This policy as it applies to tool call arguments: the <c>toolArguments</c> actions laid over
    /// <c>actions.output</c> (a rule or family named in both takes the <c>toolArguments</c> action).</summary>
    public GuardrailPolicy ToolArguments => _toolArguments ?? this;

    /// <summary>Allows everything: used when guardrails are disabled.</summary>
    public static GuardrailPolicy AllowAll { get; } = Merge([("none", new PolicyDocument())]);

    /// <summary>The action for <paramref name="rule"/> at <paramref name="stage"/>: the most specific key wins
    /// (<c>secret.jwt</c> over <c>secret</c>); a rule nothing mentions is allowed.</summary>
    public GuardrailAction ActionFor(GuardrailStage stage, string rule)
    {
        if (!_actions.TryGetValue(stage, out var rules))
        {
            return GuardrailAction.Allow;
        }

        var key = rule;
        while (true)
        {
            if (rules.TryGetValue(key, out var action))
            {
                return action;
            }

            var dot = key.LastIndexOf('.');
            if (dot < 0)
            {
                return GuardrailAction.Allow;
            }

            key = key[..dot];
        }
    }

    /// <summary>True when some rule of <paramref name="family"/> does anything at <paramref name="stage"/>, so the
    /// check is worth running.</summary>
    public bool IsActive(GuardrailStage stage, string family) =>
        _activeFamilies.TryGetValue(stage, out var families) && families.Contains(family);

    /// <summary>How long one check may spend on one text (<c>Guardrails:CheckTimeoutMilliseconds</c>).</summary>
    public TimeSpan CheckTimeout { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock check budgets are measured with.</summary>
    public TimeProvider Time { get; private set; } = TimeProvider.System;

    /// <summary>Sets the check budget; called once by the policy store before the policy is shared.</summary>
    public GuardrailPolicy WithCheckTimeout(TimeSpan timeout, TimeProvider time)
    {
        CheckTimeout = timeout;
        Time = time;
        return this;
    }

    /// <summary>What a failed (timed-out) check of <paramref name="family"/> leads to at <paramref name="stage"/>:
    /// the action the policy names for <c>guardrail.error</c>, or else the check is treated as a match: the
    /// family's own action, or the strongest action any of its rules has.</summary>
    public GuardrailAction ActionOnCheckError(GuardrailStage stage, string family)
    {
        if (!_actions.TryGetValue(stage, out var rules))
        {
            return GuardrailAction.Allow;
        }

        if (rules.TryGetValue(CheckErrorRule, out var configured) || rules.TryGetValue(RuleFamilies.Guardrail, out configured))
        {
            return configured;
        }

        if (rules.TryGetValue(family, out var familyAction) && familyAction != GuardrailAction.Allow)
        {
            return familyAction;
        }

        var strongest = GuardrailAction.Allow;
        foreach (var (rule, action) in rules)
        {
            if (RuleFamilies.FamilyOf(rule) == family && action > strongest)
            {
                strongest = action;
            }
        }

        return strongest;
    }

    /// <summary>The rule recorded when a check fails.</summary>
    public const string CheckErrorRule = GuardrailResult.UnfinishedCheckRule;

    public double Threshold(string name, double fallback) => _thresholds.TryGetValue(name, out var value) ? value : fallback;

    /// <summary>Lays each document over the previous: actions and thresholds merge by key, scalars replace,
    /// blocklists and topics merge by name (an empty list removes one).</summary>
    public static GuardrailPolicy Merge(IEnumerable<(string Source, PolicyDocument Document)> layers)
    {
        var actions = new Dictionary<GuardrailStage, Dictionary<string, GuardrailAction>>();
        var thresholds = new Dictionary<string, double>(StringComparer.Ordinal);
        var blocklists = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var topics = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var toolArguments = new Dictionary<string, GuardrailAction>(StringComparer.Ordinal);
        int maxOutput = 0, reask = DefaultReaskMaxAttempts, excerpt = DefaultExcerptChars;
        var sources = new List<string>();
        foreach (var (source, document) in layers)
        {
            sources.Add(source);
            foreach (var (stageName, rules) in document.Actions ?? [])
            {
                if (!PolicyParser.TryParseStage(stageName, out var stage))
                {
                    continue;
                }

                if (!actions.TryGetValue(stage, out var stageActions))
                {
                    actions[stage] = stageActions = new Dictionary<string, GuardrailAction>(StringComparer.Ordinal);
                }

                foreach (var (rule, actionName) in rules ?? [])
                {
                    if (PolicyParser.TryParseAction(actionName, out var action))
                    {
                        stageActions[rule] = action;
                    }
                }
            }

            foreach (var (rule, actionName) in document.ToolArguments ?? [])
            {
                if (PolicyParser.TryParseAction(actionName, out var action))
                {
                    toolArguments[rule] = action;
                }
            }

            foreach (var (name, value) in document.Thresholds ?? [])
            {
                thresholds[name] = value;
            }

            maxOutput = document.MaxOutputChars ?? maxOutput;
            reask = document.ReaskMaxAttempts ?? reask;
            excerpt = document.ExcerptChars ?? excerpt;
            MergeLists(blocklists, document.Blocklists);
            MergeLists(topics, document.Topics);
        }

        var version = string.Join('+', sources);
        var frozenThresholds = thresholds.ToFrozenDictionary(StringComparer.Ordinal);
        var compiledBlocklists = Compile(RuleFamilies.Blocklist, blocklists);
        var compiledTopics = Compile(RuleFamilies.Topic, topics);
        var policy = new GuardrailPolicy(version, Freeze(actions), frozenThresholds, maxOutput, reask, excerpt, compiledBlocklists, compiledTopics);
        if (toolArguments.Count > 0)
        {
            var output = actions.TryGetValue(GuardrailStage.Output, out var o) ? new Dictionary<string, GuardrailAction>(o, StringComparer.Ordinal) : new(StringComparer.Ordinal);
            foreach (var (rule, action) in toolArguments)
            {
                output[rule] = action;
            }

            var overlaid = new Dictionary<GuardrailStage, Dictionary<string, GuardrailAction>>(actions) { [GuardrailStage.Output] = output };
            policy._toolArguments = new GuardrailPolicy(version, Freeze(overlaid), frozenThresholds, maxOutput, reask, excerpt, compiledBlocklists, compiledTopics);
        }

        return policy;
    }

    private static FrozenDictionary<GuardrailStage, FrozenDictionary<string, GuardrailAction>> Freeze(Dictionary<GuardrailStage, Dictionary<string, GuardrailAction>> actions) =>
        actions.ToFrozenDictionary(a => a.Key, a => a.Value.ToFrozenDictionary(StringComparer.Ordinal));

    private static void MergeLists(Dictionary<string, List<string>> into, Dictionary<string, List<string>>? from)
    {
        foreach (var (name, terms) in from ?? [])
        {
            if (terms is null || terms.Count == 0)
            {
                into.Remove(name);
            }
            else
            {
                into[name] = terms;
            }
        }
    }

    private static List<TermList> Compile(string family, Dictionary<string, List<string>> lists) =>
        lists.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => TermList.Create($"{family}.{l.Key}", l.Value))
            .OfType<TermList>()
            .ToList();
}

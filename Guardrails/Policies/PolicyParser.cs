using System.Text.RegularExpressions;
using Guardrails.Abstractions;
using Guardrails.Checks;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Guardrails.Policies;

/// <summary>Reads and validates a policy file; errors name the field so a broken edit is easy to fix.</summary>
internal static partial class PolicyParser
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Parses <paramref name="yaml"/>; returns null with the reasons when it is not a valid policy.</summary>
    public static PolicyDocument? TryParse(string yaml, out string? error)
    {
        PolicyDocument? document;
        try
        {
            document = Deserializer.Deserialize<PolicyDocument?>(yaml) ?? new PolicyDocument();
        }
        catch (YamlException ex)
        {
            error = $"YAML error at line {ex.Start.Line}, column {ex.Start.Column}: {(ex.InnerException ?? ex).Message}";
            return null;
        }

        var errors = Validate(document);
        error = errors.Count == 0 ? null : string.Join("; ", errors);
        return errors.Count == 0 ? document : null;
    }

    private static List<string> Validate(PolicyDocument document)
    {
        var errors = new List<string>();
        foreach (var (stageName, rules) in document.Actions ?? [])
        {
            if (!TryParseStage(stageName, out var stage))
            {
                errors.Add($"actions.{stageName}: unknown stage (use input, output or memory)");
                continue;
            }

            foreach (var (rule, actionName) in rules ?? [])
            {
                if (!RuleName().IsMatch(rule) || !RuleFamilies.All.Contains(RuleFamilies.FamilyOf(rule)))
                {
                    errors.Add($"actions.{stageName}.{rule}: unknown rule family (use {string.Join(", ", RuleFamilies.All)})");
                }

                if (!TryParseAction(actionName, out var action))
                {
                    errors.Add($"actions.{stageName}.{rule}: unknown action '{actionName}' (use allow, flag, redact, block or retry)");
                }
                else if (action == GuardrailAction.Retry && stage != GuardrailStage.Output)
                {
                    errors.Add($"actions.{stageName}.{rule}: retry is only possible on output");
                }
            }
        }

        foreach (var (rule, actionName) in document.ToolArguments ?? [])
        {
            if (!RuleName().IsMatch(rule) || !RuleFamilies.All.Contains(RuleFamilies.FamilyOf(rule)))
            {
                errors.Add($"toolArguments.{rule}: unknown rule family (use {string.Join(", ", RuleFamilies.All)})");
            }

            if (!TryParseAction(actionName, out var action) || action == GuardrailAction.Retry)
            {
                errors.Add($"toolArguments.{rule}: unknown action '{actionName}' (use allow, flag, redact or block)");
            }
        }

        foreach (var (name, value) in document.Thresholds ?? [])
        {
            var valid = name switch
            {
                "injection" => value is > 0 and <= 1,
                "entropy" => value is >= 1 and <= 6,
                _ => false,
            };
            if (!valid)
            {
                errors.Add($"thresholds.{name}: unknown threshold or out of range (injection 0..1, entropy 1..6)");
            }
        }

        if (document.MaxOutputChars is < 0)
        {
            errors.Add("maxOutputChars: must be 0 (no limit) or more");
        }

        if (document.ReaskMaxAttempts is < 0 or > PolicyLimits.MaxReaskAttempts)
        {
            errors.Add($"reaskMaxAttempts: must be 0..{PolicyLimits.MaxReaskAttempts}");
        }

        if (document.ExcerptChars is < 40 or > 2000)
        {
            errors.Add("excerptChars: must be 40..2000");
        }

        ValidateTerms("blocklists", document.Blocklists, errors);
        ValidateTerms("topics", document.Topics, errors);
        return errors;
    }

    private static void ValidateTerms(string field, Dictionary<string, List<string>>? lists, List<string> errors)
    {
        foreach (var (name, terms) in lists ?? [])
        {
            if (!ListName().IsMatch(name))
            {
                errors.Add($"{field}.{name}: names are lower case letters, digits, '_' or '-' (at most 40)");
            }

            if (terms is { Count: > PolicyLimits.MaxTermsPerList })
            {
                errors.Add($"{field}.{name}: at most {PolicyLimits.MaxTermsPerList} terms");
            }

            foreach (var term in terms ?? [])
            {
                if (string.IsNullOrWhiteSpace(term) || term.Length > PolicyLimits.MaxTermLength)
                {
                    errors.Add($"{field}.{name}: terms must be 1..{PolicyLimits.MaxTermLength} characters");
                    break;
                }
            }
        }
    }

    public static bool TryParseStage(string name, out GuardrailStage stage) =>
        Enum.TryParse(name, ignoreCase: true, out stage) && Enum.IsDefined(stage) && !int.TryParse(name, out _);

    public static bool TryParseAction(string? name, out GuardrailAction action) =>
        Enum.TryParse(name, ignoreCase: true, out action) && Enum.IsDefined(action) && !int.TryParse(name, out _);

    [GeneratedRegex(@"^[a-z][a-z0-9_]*(?:\.[a-z0-9_\-]+)*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RuleName();

    [GeneratedRegex(@"^[a-z0-9_\-]{1,40}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ListName();
}

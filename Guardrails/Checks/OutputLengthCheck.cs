using System.Globalization;
using Guardrails.Abstractions;

namespace Guardrails.Checks;

/// <summary>Answers longer than <c>maxOutputChars</c>: rule <c>length.max_output</c>. Redacting truncates.</summary>
internal sealed class OutputLengthCheck : IGuardrailCheck
{
    public const string Rule = "length.max_output";

    public string Family => RuleFamilies.Length;

    public int StreamWindow => 0;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        var max = context.Policy.MaxOutputChars;
        if (context.Stage != GuardrailStage.Output || max <= 0 || text.Length <= max)
        {
            return [];
        }

        return [Exceeded(text.Length, max)];
    }

    internal static Detection Exceeded(int length, int max) =>
        new(Rule, max, length - max, string.Empty, Evidence: string.Create(CultureInfo.InvariantCulture, $"the answer has {length} characters; the limit is {max}"));
}

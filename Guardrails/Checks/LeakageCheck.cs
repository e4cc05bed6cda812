using System.Text.RegularExpressions;
using Guardrails.Abstractions;

namespace Guardrails.Checks;

/// <summary>Cross-user leakage in answers: the request's canary (planted in the injected memory block, so an
/// answer that echoes it is replaying the block) and the opening words of any other user's memory.</summary>
internal sealed class LeakageCheck : IGuardrailCheck
{
    public const string CanaryRule = "leakage.canary";
    public const string ForeignMemoryRule = "leakage.foreign_memory";

    /// <summary>Foreign memories are recognised by at most this many characters of their opening words.</summary>
    internal const int SignatureChars = 96;

    public string Family => RuleFamilies.Leakage;

    public int StreamWindow => 128;

    public IEnumerable<Detection> Detect(string text, CheckContext context)
    {
        if (context.Stage != GuardrailStage.Output)
        {
            yield break;
        }

        foreach (var canary in context.Request.Canaries)
        {
            if (string.IsNullOrWhiteSpace(canary) || canary.Length < 6)
            {
                continue;
            }

            var at = text.IndexOf(canary, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                yield return new Detection(CanaryRule, at, canary.Length, Placeholders.LeakedMemory, Evidence: "the answer contains this request's memory canary");
                at = text.IndexOf(canary, at + canary.Length, StringComparison.OrdinalIgnoreCase);
            }
        }

        foreach (var foreign in context.Request.ForeignMemoryTexts)
        {
            if (Signature(foreign) is not { } signature)
            {
                continue;
            }

            foreach (System.Text.RegularExpressions.Match match in signature.Matches(text))
            {
                yield return new Detection(ForeignMemoryRule, match.Index, match.Length, Placeholders.LeakedMemory, Evidence: "the answer contains another user's memory");
            }
        }
    }

    /// <summary>A whitespace- and case-tolerant pattern for the memory's opening words; null when the memory is
    /// too short to be told apart from ordinary phrasing.</summary>
    private static Regex? Signature(string memory)
    {
        var words = memory.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var taken = new List<string>();
        var chars = 0;
        foreach (var word in words)
        {
            if (chars + word.Length > SignatureChars)
            {
                break;
            }

            taken.Add(Regex.Escape(word));
            chars += word.Length + 1;
        }

        if (taken.Count < 3 || chars < 16)
        {
            return null;
        }

        return new Regex(string.Join(@"\s+", taken), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(1000));
    }
}

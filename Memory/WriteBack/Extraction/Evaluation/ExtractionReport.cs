using System.Globalization;
using System.Text;

namespace Memory.WriteBack.Extraction.Evaluation;

/// <summary>Precision and recall of an extraction run, overall and per category. Precision: correct produced facts
/// over correct plus wrong ones (facts matching only an optional expectation are not counted); recall: required
/// expected facts found over all required ones.</summary>
internal sealed class ExtractionReport(IReadOnlyList<ExtractionOutcome> outcomes)
{
    public IReadOnlyList<ExtractionOutcome> Outcomes { get; } = outcomes;

    public ExtractionTally Total => ExtractionTally.Of("all", Outcomes);

    public ExtractionTally TotalOf(string split) => ExtractionTally.Of(split, Outcomes.Where(o => o.Case.Split == split));

    /// <summary>One tally per category, in the order categories first appear in the set.</summary>
    public IReadOnlyList<ExtractionTally> ByCategory(string? split = null) =>
        [.. Outcomes.Where(o => split is null || o.Case.Split == split)
            .GroupBy(o => o.Case.Category)
            .Select(g => ExtractionTally.Of(g.Key, g))];

    /// <summary>A Markdown table: one row per category, then the totals of each split and of the whole set.</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| category | turns | expected | found | recall | stored | wrong | precision | turns storing nothing wrong |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var t in ByCategory())
        {
            Row(sb, t);
        }

        foreach (var split in Outcomes.Select(o => o.Case.Split).Distinct().Order(StringComparer.Ordinal))
        {
            Row(sb, TotalOf(split) with { Name = $"**{split} total**" });
        }

        Row(sb, Total with { Name = "**all**" });
        return sb.ToString();
    }

    /// <summary>One line per missed or wrong fact, for finding what to fix.</summary>
    public IEnumerable<string> Failures(string? split = null)
    {
        foreach (var o in Outcomes.Where(o => split is null || o.Case.Split == split))
        {
            foreach (var m in o.Missed)
            {
                yield return $"MISSED {o.Case.Id}: \"{o.Case.Text}\" expected \"{(m.Action == FactAction.Retract ? "-" : string.Empty)}{m.Text}\"" +
                             $" got [{string.Join("; ", o.Produced.Select(Describe))}]";
            }

            foreach (var w in o.Wrong)
            {
                yield return $"WRONG  {o.Case.Id}: \"{o.Case.Text}\" stored \"{Describe(w)}\"";
            }
        }
    }

    private static string Describe(ExtractedFact f) => (f.Action == FactAction.Retract ? "-" : string.Empty) + f.Text;

    private static void Row(StringBuilder sb, ExtractionTally t) =>
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"| {t.Name} | {t.Turns} | {t.Required} | {t.Found} | {Ratio(t.Recall)} | {t.Correct + t.Wrong} | {t.Wrong} | {Ratio(t.Precision)} | {t.CleanTurns}/{t.Turns} |");

    private static string Ratio(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}

using System.Globalization;
using Memory.WriteBack;
using Memory.WriteBack.Extraction;
using Memory.WriteBack.Extraction.Evaluation;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Memory.Tests.WriteBack;

/// <summary>The heuristic extractor against the labelled set: at least 300 turns that must yield facts and 100 that
/// must store nothing; precision ≥ 0.97 and recall ≥ 0.90 over the set, the per-category table printed.</summary>
public sealed class ExtractionSetTests(ITestOutputHelper output)
{
    private static readonly string[] FactCategories =
    [
        "occupation", "family", "pets", "places", "health", "allergies", "diet", "likes", "languages", "hobbies",
        "schedules", "possessions", "plans", "accessibility", "negations", "corrections",
    ];

    private static readonly string[] NothingCategories =
        ["questions", "hypotheticals", "roleplay", "quoted", "translated", "summarised", "instructions"];

    [Fact]
    public void Set_has_300_fact_turns_and_100_turns_that_store_nothing_in_every_category()
    {
        var cases = ExtractionSetFile.All;

        Assert.True(cases.Count(c => !c.MustStoreNothing) >= 300);
        Assert.True(cases.Count(c => c.MustStoreNothing) >= 100);
        Assert.Equal(cases.Count, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var category in FactCategories)
        {
            Assert.True(cases.Count(c => c.Category == category && !c.MustStoreNothing) >= 10, category);
        }

        foreach (var category in NothingCategories)
        {
            Assert.True(cases.Count(c => c.Category == category && c.MustStoreNothing) >= 8, category);
        }

        Assert.True(cases.Count(c => c.Split == "heldout") >= cases.Count / 5, "a fifth of the set is held out");
    }

    [Fact]
    public async Task Heuristic_extractor_reaches_precision_097_and_recall_090_on_the_set()
    {
        var extractor = new HeuristicFactExtractor(Options.Create(new WriteBackOptions()));

        var report = await ExtractionEvaluation.RunAsync(extractor, ExtractionSetFile.All);

        output.WriteLine(report.ToMarkdown());
        foreach (var failure in report.Failures())
        {
            output.WriteLine(failure);
        }

        var total = report.Total;
        Assert.True(total.Precision >= 0.97, string.Create(CultureInfo.InvariantCulture, $"precision {total.Precision:0.000}"));
        Assert.True(total.Recall >= 0.90, string.Create(CultureInfo.InvariantCulture, $"recall {total.Recall:0.000}"));
    }
}

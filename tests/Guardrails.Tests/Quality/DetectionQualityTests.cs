using System.Globalization;
using System.Text.Json;
using Guardrails.Abstractions;
using Guardrails.Checks;
using Guardrails.Tests.Support;
using Xunit.Abstractions;

namespace Guardrails.Tests.Quality;

/// <summary>Precision and recall of each check on the labelled set in Data/ (hand-written sentences plus
/// seeded variety from Data/generate.py). Scoring is per entity: a labelled value counts as found only when a
/// detection covers it completely (a half-redacted card still leaks), and every detection that covers no
/// labelled value is a false positive. False positives cost as much as misses: both floors are 0.995, for each
/// check and, for precision, for each rule a check reports.</summary>
public sealed class DetectionQualityTests(ITestOutputHelper output)
{
    private const double Floor = 0.995;

    public static TheoryData<string> SpanChecks => ["email", "phone", "card", "iban", "ssn", "ip", "secret"];

    [Theory]
    [MemberData(nameof(SpanChecks))]
    public void Span_check_meets_the_precision_and_recall_floor(string name)
    {
        var (check, rulePrefix) = Create(name);
        var cases = Load(name);
        int tp = 0, fp = 0, fn = 0;
        foreach (var item in cases)
        {
            var detections = check.Detect(item.Text, TestPolicies.Context(GuardrailStage.Output))
                .Where(d => d.Rule.StartsWith(rulePrefix, StringComparison.Ordinal))
                .ToList();
            var expected = (item.Expected ?? []).SelectMany(v => Occurrences(item.Text, v)).ToList();
            foreach (var (start, length) in expected)
            {
                if (detections.Any(d => d.Start <= start && d.End >= start + length))
                {
                    tp++;
                }
                else
                {
                    fn++;
                    output.WriteLine($"MISS  {item.Text[start..(start + length)]}  in  {item.Text}");
                }
            }

            foreach (var d in detections.Where(d => !expected.Any(e => d.Start < e.Start + e.Length && d.End > e.Start)))
            {
                fp++;
                output.WriteLine($"FALSE {item.Text.Substring(d.Start, d.Length)}  in  {item.Text}");
            }
        }

        Report(name, cases.Count, tp, fp, fn);
        AssertRulePrecision(name, check, cases);
        ReportHeldOut(name, (text, value) => check.Detect(text, TestPolicies.Context(GuardrailStage.Output))
            .Where(d => d.Rule.StartsWith(rulePrefix, StringComparison.Ordinal)).ToList());
        Assert.True(cases.Count >= 200, $"{name}: only {cases.Count} labelled cases");
        AssertFloor(name, tp, fp, fn);
    }

    [Fact]
    public void Injection_check_meets_the_precision_and_recall_floor()
    {
        var cases = Load("injection");
        int tp = 0, fp = 0, fn = 0;
        foreach (var item in cases)
        {
            var flagged = PromptInjectionCheck.Score(item.Text) >= PromptInjectionCheck.DefaultThreshold;
            var truth = item.Injection ?? false;
            if (flagged && truth) tp++;
            else if (flagged) { fp++; output.WriteLine($"FALSE {PromptInjectionCheck.Score(item.Text):0.00}  {item.Text}"); }
            else if (truth) { fn++; output.WriteLine($"MISS  {PromptInjectionCheck.Score(item.Text):0.00}  {item.Text}"); }
        }

        Report("injection", cases.Count, tp, fp, fn);
        var held = Load("injection", "holdout");
        int htp = held.Count(c => c.Injection == true && PromptInjectionCheck.Score(c.Text) >= PromptInjectionCheck.DefaultThreshold);
        int hfp = held.Count(c => c.Injection != true && PromptInjectionCheck.Score(c.Text) >= PromptInjectionCheck.DefaultThreshold);
        int hfn = held.Count(c => c.Injection == true && PromptInjectionCheck.Score(c.Text) < PromptInjectionCheck.DefaultThreshold);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HELDOUT injection: cases={held.Count} tp={htp} fp={hfp} fn={hfn} precision={Precision(htp, hfp):0.000} recall={Recall(htp, hfn):0.000}"));
        Assert.True(cases.Count >= 200, $"injection: only {cases.Count} labelled cases");
        AssertFloor("injection", tp, fp, fn);
    }

    /// <summary>Precision of each rule the check reports: its detections that cover a labelled value, over all of them.</summary>
    private void AssertRulePrecision(string name, IGuardrailCheck check, List<LabelledCase> cases)
    {
        var byRule = new Dictionary<string, (int Tp, int Fp)>(StringComparer.Ordinal);
        foreach (var item in cases)
        {
            var expected = (item.Expected ?? []).SelectMany(v => Occurrences(item.Text, v)).ToList();
            foreach (var d in check.Detect(item.Text, TestPolicies.Context(GuardrailStage.Output)))
            {
                var hit = expected.Any(e => d.Start < e.Start + e.Length && d.End > e.Start);
                var (tp, fp) = byRule.GetValueOrDefault(d.Rule);
                byRule[d.Rule] = hit ? (tp + 1, fp) : (tp, fp + 1);
            }
        }

        foreach (var (rule, (tp, fp)) in byRule.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RULE {name} {rule}: tp={tp} fp={fp} precision={Precision(tp, fp):0.000}"));
            Assert.True(Precision(tp, fp) >= Floor, $"{rule} precision {Precision(tp, fp):0.000} < {Floor} (fp={fp})");
        }
    }

    /// <summary>Figures on Data/*.holdout.jsonl alone: cases written after the checks were tuned.</summary>
    private void ReportHeldOut(string name, Func<string, string?, List<Detection>> detect)
    {
        int tp = 0, fp = 0, fn = 0;
        var cases = Load(name, "holdout");
        foreach (var item in cases)
        {
            var detections = detect(item.Text, null);
            var expected = (item.Expected ?? []).SelectMany(v => Occurrences(item.Text, v)).ToList();
            tp += expected.Count(e => detections.Any(d => d.Start <= e.Start && d.End >= e.Start + e.Length));
            fn += expected.Count(e => !detections.Any(d => d.Start <= e.Start && d.End >= e.Start + e.Length));
            fp += detections.Count(d => !expected.Any(e => d.Start < e.Start + e.Length && d.End > e.Start));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"HELDOUT {name}: cases={cases.Count} tp={tp} fp={fp} fn={fn} precision={Precision(tp, fp):0.000} recall={Recall(tp, fn):0.000}"));
    }

    private void Report(string name, int cases, int tp, int fp, int fn) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"QUALITY {name}: cases={cases} tp={tp} fp={fp} fn={fn} precision={Precision(tp, fp):0.000} recall={Recall(tp, fn):0.000}"));

    private static void AssertFloor(string name, int tp, int fp, int fn)
    {
        Assert.True(Precision(tp, fp) >= Floor, $"{name} precision {Precision(tp, fp):0.000} < {Floor} (fp={fp})");
        Assert.True(Recall(tp, fn) >= Floor, $"{name} recall {Recall(tp, fn):0.000} < {Floor} (fn={fn})");
    }

    private static double Precision(int tp, int fp) => tp + fp == 0 ? 1 : (double)tp / (tp + fp);

    private static double Recall(int tp, int fn) => tp + fn == 0 ? 1 : (double)tp / (tp + fn);

    private static IEnumerable<(int Start, int Length)> Occurrences(string text, string value)
    {
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            yield return (at, value.Length);
        }
    }

    private static (IGuardrailCheck Check, string RulePrefix) Create(string name) => name switch
    {
        "email" => (new EmailCheck(), "pii.email"),
        "phone" => (new PhoneCheck(), "pii.phone"),
        "card" => (new PaymentCardCheck(), "pii.card"),
        "iban" => (new IbanCheck(), "pii.iban"),
        "ssn" => (new SsnCheck(), "pii.ssn"),
        "ip" => (new IpAddressCheck(), "pii.ip"),
        "secret" => (new SecretCheck(), "secret."),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    internal static List<LabelledCase> Load(string name, string part = "*")
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data");
        return Directory.EnumerateFiles(folder, $"{name}.{part}.jsonl")
            .Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<LabelledCase>(line)!)
            .ToList();
    }
}

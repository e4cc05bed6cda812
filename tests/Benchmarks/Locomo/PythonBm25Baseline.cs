using System.Text.RegularExpressions;

namespace Benchmarks.Locomo;

/// <summary>An exact port of the acceptance check's baseline (<c>bm25_rank</c> in <c>checks/locomo_dev.py</c>): regex
/// tokens, its small stop list, no stemming, k1 1.2, b 0.75, every document ranked (zero scores included, ties in
/// document order). The check passes when the gateway's recall@10 is at least this one's.</summary>
internal static partial class PythonBm25Baseline
{
    private static readonly HashSet<string> Stop = new(
        "a an the of to and in is was for on that with it as at by be this are from or i you he she they we my your his her their our me him them what when where who how which did do does"
            .Split(' '), StringComparer.Ordinal);

    public static List<int> Rank(IReadOnlyList<string> documents, string query, int k)
    {
        var tokens = documents.Select(Tokenize).ToList();
        var n = documents.Count;
        var average = tokens.Sum(t => t.Count) / (double)Math.Max(n, 1);
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in tokens)
        {
            foreach (var word in t.Distinct())
            {
                df[word] = df.GetValueOrDefault(word) + 1;
            }
        }

        var tfs = tokens.Select(t => t.GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)).ToList();
        var q = Tokenize(query);
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            foreach (var w in q)
            {
                if (tfs[i].TryGetValue(w, out var f))
                {
                    s += Math.Log(1 + ((n - df[w] + .5) / (df[w] + .5))) * f * 2.2 / (f + (1.2 * (1 - .75 + (.75 * tokens[i].Count / average))));
                }
            }

            scores[i] = s;
        }

        // Python's sorted() is stable: equal scores keep document order.
        return Enumerable.Range(0, n).OrderBy(i => -scores[i]).Take(k).ToList();
    }

    private static List<string> Tokenize(string text) =>
        Token().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => !Stop.Contains(w)).ToList();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex Token();
}

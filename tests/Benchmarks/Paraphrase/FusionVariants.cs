using System.Globalization;
using Memory.Retrieval;

namespace Benchmarks.Paraphrase;

/// <summary>The fusion variants the retrieval harnesses (<c>locomo</c>, <c>paraphrase</c>) compare side by side: each
/// ranker alone, reciprocal rank fusion, weighted fusion with BM25 scaled by the best candidate (the earlier default)
/// and by the query's attainable score, and the shipped default; with <c>--sweep</c>, grids around the default.</summary>
internal static class FusionVariants
{
    public static IEnumerable<(string Name, RetrievalOptions Options)> All(bool dense, bool sweep, Action<RetrievalOptions>? common = null, bool hub = false)
    {
        RetrievalOptions Make(Action<RetrievalOptions> change)
        {
            var options = ShippedFusion.New();
            common?.Invoke(options);
            change(options);
            return options;
        }

        var d = ShippedFusion.New();
        var weights = string.Create(CultureInfo.InvariantCulture, $"{d.LexicalWeight}/{d.DenseWeight}");
        yield return ("BM25 alone", Make(o => { o.LexicalWeight = 1; o.DenseWeight = 0; }));
        if (!dense)
        {
            yield break;
        }

        yield return ("dense alone", Make(o => { o.LexicalWeight = 0; o.DenseWeight = 1; o.HubPenalty = 0; o.AnswerTypeBonus = 0; }));
        yield return (string.Create(CultureInfo.InvariantCulture, $"dense alone, hub penalty {d.HubPenalty}"), Make(o => { o.LexicalWeight = 0; o.DenseWeight = 1; o.AnswerTypeBonus = 0; }));
        yield return ("RRF (k 60, 0.3/0.7)", Make(o => { o.Fusion = FusionMethod.Rrf; o.LexicalWeight = 0.3; o.DenseWeight = 0.7; o.ProtectDenseWinner = false; o.HubPenalty = 0; o.AnswerTypeBonus = 0; }));
        yield return ("weighted 0.3/0.7, BM25 / best candidate (earlier default)", Make(o =>
        {
            o.Fusion = FusionMethod.Weighted;
            o.LexicalNormalization = LexicalNormalization.BestCandidate;
            o.LexicalWeight = 0.3;
            o.DenseWeight = 0.7;
            o.ConfidenceWeight = 0.1;
            o.FreshnessWeight = 0.1;
            o.ProtectDenseWinner = false;
            o.HubPenalty = 0;
            o.AnswerTypeBonus = 0;
        }));
        yield return ("weighted 0.3/0.7, BM25 / attainable, dense winner not protected (default before the protection)", Make(o =>
        {
            o.LexicalWeight = 0.3;
            o.DenseWeight = 0.7;
            o.ProtectDenseWinner = false;
            o.HubPenalty = 0;
            o.AnswerTypeBonus = 0;
        }));
        yield return ("weighted 0.3/0.7, BM25 / attainable, dense winner protected", Make(o => { o.LexicalWeight = 0.3; o.DenseWeight = 0.7; o.HubPenalty = 0; o.AnswerTypeBonus = 0; }));
        yield return ($"weighted {weights}, BM25 / attainable, dense winner not protected", Make(o => { o.ProtectDenseWinner = false; o.HubPenalty = 0; o.AnswerTypeBonus = 0; }));
        yield return ($"weighted {weights}, BM25 / attainable, dense winner protected, no hub correction (previous default)", Make(o => { o.HubPenalty = 0; o.AnswerTypeBonus = 0; }));
        yield return ("shipped default without the answer-type prior (default before it)", Make(o => o.AnswerTypeBonus = 0));
        yield return (string.Create(CultureInfo.InvariantCulture,
            $"shipped default ({d.Fusion}, {d.LexicalNormalization}, {weights}, dense winner protected below coverage {d.LexicalOverrideCoverage} margin {d.DenseWinnerMargin}, rerank {d.ConfidenceWeight}/{d.FreshnessWeight}, MMR {d.MmrLambda}, hub penalty {d.HubPenalty}, answer-type prior {d.AnswerTypeBonus})"), Make(_ => { }));
        if (Environment.GetEnvironmentVariable("FUSION_ANSWER_TYPE") == "1")
        {
            foreach (var bonus in new[] { 0.02, 0.05, 0.1, 0.15, 0.25 })
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"shipped default, answer-type prior {bonus}"), Make(o => o.AnswerTypeBonus = bonus));
                yield return (string.Create(CultureInfo.InvariantCulture, $"dense alone, hub 0.15, answer-type prior {bonus}"), Make(o =>
                {
                    o.LexicalWeight = 0;
                    o.DenseWeight = 1;
                    o.AnswerTypeBonus = bonus;
                }));
            }
        }

        if (hub)
        {
            foreach (var neighbours in new[] { 0, 3, 10 })
            {
                foreach (var penalty in new[] { 0.0, 0.1, 0.15, 0.25, 0.5 })
                {
                    var among = neighbours == 0 ? "centroid" : string.Create(CultureInfo.InvariantCulture, $"{neighbours} nearest");
                    yield return (string.Create(CultureInfo.InvariantCulture, $"shipped default, hub penalty {penalty} ({among})"), Make(o =>
                    {
                        o.HubPenalty = penalty;
                        o.HubNeighbours = neighbours;
                        o.AnswerTypeBonus = 0;
                    }));
                    yield return (string.Create(CultureInfo.InvariantCulture, $"dense alone, hub penalty {penalty} ({among})"), Make(o =>
                    {
                        o.LexicalWeight = 0;
                        o.DenseWeight = 1;
                        o.HubPenalty = penalty;
                        o.HubNeighbours = neighbours;
                        o.AnswerTypeBonus = 0;
                    }));
                }
            }
        }

        if (!sweep)
        {
            yield break;
        }

        foreach (var coverage in new[] { 0.5, 0.85, 1.0 })
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep protected, coverage {coverage}"), Make(o => o.LexicalOverrideCoverage = coverage));
        }

        foreach (var exponent in new[] { 1.0, 2.0, 4.0 })
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep protected, lexical gated by (cosine / best)^{exponent}"), Make(o => o.LexicalAgreementExponent = exponent));
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep unprotected, lexical gated by (cosine / best)^{exponent}"), Make(o =>
            {
                o.LexicalAgreementExponent = exponent;
                o.ProtectDenseWinner = false;
            }));
        }

        yield return ("sweep protected, coverage 0.5, margin 0.03", Make(o => o.DenseWinnerMargin = 0.03));
        if (Environment.GetEnvironmentVariable("FUSION_SWEEP_SHORT") == "1")
        {
            yield break; // the protection grid only (a loaded machine)
        }

        foreach (var normalization in new[] { LexicalNormalization.Attainable, LexicalNormalization.BestCandidate })
        {
            foreach (var lexical in new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6 })
            {
                yield return (string.Create(CultureInfo.InvariantCulture, $"sweep {normalization} {lexical}/{1 - lexical:0.0}"), Make(o =>
                {
                    o.LexicalNormalization = normalization;
                    o.LexicalWeight = lexical;
                    o.DenseWeight = 1 - lexical;
                }));
            }
        }

        foreach (var lexical in new[] { 0.2, 0.3, 0.5 })
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep RRF {lexical}/{1 - lexical:0.0}"), Make(o => { o.Fusion = FusionMethod.Rrf; o.LexicalWeight = lexical; o.DenseWeight = 1 - lexical; }));
        }

        foreach (var rerank in new[] { 0.0, 0.02, 0.05, 0.1 })
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep default, rerank {rerank}/{rerank}"), Make(o => { o.ConfidenceWeight = rerank; o.FreshnessWeight = rerank; }));
        }

        foreach (var lambda in new[] { 1.0, 0.9, 0.8, 0.7 })
        {
            yield return (string.Create(CultureInfo.InvariantCulture, $"sweep default, MMR {lambda}"), Make(o => o.MmrLambda = lambda));
        }
    }
}

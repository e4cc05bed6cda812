using Memory.Retrieval;

namespace Benchmarks.Paraphrase;

/// <summary>The fusion variants the retrieval harnesses compare side by side: each ranker alone, the earlier default
/// (BM25 divided by the best candidate's BM25), reciprocal rank fusion and the shipped default.</summary>
internal static class FusionVariants
{
    public static IEnumerable<(string Name, RetrievalOptions Options)> All(bool dense, Action<RetrievalOptions>? common = null)
    {
        RetrievalOptions Make(Action<RetrievalOptions> change)
        {
            var options = new RetrievalOptions();
            common?.Invoke(options);
            change(options);
            return options;
        }

        var defaults = new RetrievalOptions();
        yield return ("BM25 alone", Make(o => { o.LexicalWeight = 1; o.DenseWeight = 0; }));
        if (!dense)
        {
            yield break;
        }

        yield return ("dense alone", Make(o => { o.LexicalWeight = 0; o.DenseWeight = 1; }));
        yield return ($"RRF (k {defaults.RrfK}, {defaults.LexicalWeight}/{defaults.DenseWeight})", Make(o => o.Fusion = FusionMethod.Rrf));
        yield return ($"weighted, BM25 / best candidate ({defaults.LexicalWeight}/{defaults.DenseWeight}; earlier default)", Make(o => o.Fusion = FusionMethod.Weighted));
        yield return ($"shipped default ({defaults.Fusion}, MMR {defaults.MmrLambda})", Make(_ => { }));
    }
}

using System.Collections.Concurrent;
using Memory.Embeddings;
using Microsoft.Extensions.AI;

namespace Benchmarks.Locomo;

/// <summary>Remembers each text's vector, so the harness embeds every question once however many rankings it
/// compares (results are unchanged: embedders are deterministic).</summary>
internal sealed class QueryCachingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly ConcurrentDictionary<string, Embedding<float>> _cache = new(StringComparer.Ordinal);

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        // A query is embedded differently from a stored text by models with a query prefix.
        var purpose = EmbeddingInputs.IsQuery(options) ? "q:" : "d:";
        var texts = values.Select(v => purpose + v).ToList();
        var missing = texts.Where(t => !_cache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var generated = await base.GenerateAsync(missing.Select(m => m[2..]).ToList(), options, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < missing.Count; i++)
            {
                _cache[missing[i]] = generated[i];
            }
        }

        return new GeneratedEmbeddings<Embedding<float>>(texts.Select(t => _cache[t]));
    }
}

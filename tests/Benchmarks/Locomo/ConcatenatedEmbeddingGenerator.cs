using Microsoft.Extensions.AI;

namespace Benchmarks.Locomo;

/// <summary>Lab only: two embedders' unit vectors, each scaled by 1/sqrt(2) and concatenated, so the cosine of two
/// results is the mean of the two models' cosines. Options (the query mark) reach both.</summary>
internal sealed class ConcatenatedEmbeddingGenerator(
    IEmbeddingGenerator<string, Embedding<float>> first,
    IEmbeddingGenerator<string, Embedding<float>> second) : IEmbeddingGenerator<string, Embedding<float>>
{
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values as IList<string> ?? values.ToList();
        var a = first.GenerateAsync(texts, options, cancellationToken);
        var b = second.GenerateAsync(texts, options, cancellationToken);
        var left = await a.ConfigureAwait(false);
        var right = await b.ConfigureAwait(false);
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var x = left[i].Vector.Span;
            var y = right[i].Vector.Span;
            var joined = new float[x.Length + y.Length];
            Scale(x, joined.AsSpan(0, x.Length));
            Scale(y, joined.AsSpan(x.Length));
            result.Add(new Embedding<float>(joined) { ModelId = left[i].ModelId + "+" + right[i].ModelId });
        }

        return result;
    }

    private static void Scale(ReadOnlySpan<float> source, Span<float> target)
    {
        var norm = Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(source));
        var factor = (float)(1 / (norm * Math.Sqrt(2)));
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = source[i] * factor;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : first.GetService(serviceType, serviceKey);

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }
}

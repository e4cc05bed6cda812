using Microsoft.Extensions.AI;

namespace Memory.Embeddings.Onnx;

/// <summary>Sentence embeddings from a local sentence-transformers ONNX model: texts are tokenised on the caller's
/// thread, embedded in coalesced batches by <see cref="EmbeddingBatcher"/>, and returned L2-normalised (when so
/// configured) with the model id recorded on each vector.</summary>
internal sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly SentenceTokenizer _tokenizer;
    private readonly OnnxSentenceEncoder _encoder;
    private readonly EmbeddingBatcher _batcher;
    private readonly EmbeddingBatcher? _queryBatcher;
    private readonly OnnxSentenceEncoder? _queryEncoder;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private int _disposed;

    public OnnxEmbeddingGenerator(SentenceTokenizer tokenizer, OnnxSentenceEncoder encoder, EmbeddingBatcher batcher,
        string modelId, Uri modelUri, string? queryPrefix = null, EmbeddingBatcher? queryBatcher = null,
        OnnxSentenceEncoder? queryEncoder = null)
    {
        _tokenizer = tokenizer;
        _encoder = encoder;
        _batcher = batcher;
        _queryBatcher = queryBatcher;
        _queryEncoder = queryEncoder;
        ModelId = modelId;
        QueryPrefix = string.IsNullOrEmpty(queryPrefix) ? null : queryPrefix;
        _metadata = new EmbeddingGeneratorMetadata("onnxruntime", modelUri, modelId, encoder.Dimensions);
    }

    /// <summary>Id recorded with every vector.</summary>
    public string ModelId { get; }

    /// <summary>Prepended to texts marked as search queries (<see cref="EmbeddingInputs.Query"/>), as the model was
    /// trained; null for a symmetric model.</summary>
    public string? QueryPrefix { get; }

    /// <summary>True when a query's vector differs from the same text's stored vector (a query prefix, or queries run
    /// on another build of the model): caches keep the two apart.</summary>
    public bool DistinctQueries => QueryPrefix is not null || _queryBatcher is not null;

    /// <summary>Length of every vector.</summary>
    public int Dimensions => _encoder.Dimensions;

    /// <summary>Most tokens embedded per text; the rest of a longer text is ignored.</summary>
    public int MaxTokens => _tokenizer.MaxTokens;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (options?.Dimensions is { } dimensions && dimensions != Dimensions)
        {
            throw new ArgumentException($"{ModelId} produces {Dimensions} dimensions, not {dimensions}.", nameof(options));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var texts = values as IReadOnlyList<string> ?? [.. values];
        if (texts.Count == 0)
        {
            return [];
        }

        var query = EmbeddingInputs.IsQuery(options);
        var prefix = query ? QueryPrefix : null;
        var tokenIds = new int[texts.Count][];
        long tokenCount = 0;
        for (var i = 0; i < tokenIds.Length; i++)
        {
            var text = texts[i] ?? throw new ArgumentException("Texts to embed must not be null.", nameof(values));
            tokenIds[i] = _tokenizer.Encode(prefix is null ? text : string.Concat(prefix, text));
            tokenCount += tokenIds[i].Length;
        }

        var call = new EmbeddingCall(tokenIds.Length);
        float[][] vectors;
        using (cancellationToken.Register(static (state, token) => ((EmbeddingCall)state!).Cancel(token), call))
        {
            (query && _queryBatcher is not null ? _queryBatcher : _batcher).Submit(call, tokenIds);
            vectors = await call.Completion.ConfigureAwait(false);
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>(vectors.Length)
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
        foreach (var vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _batcher.Dispose();
        _encoder.Dispose();
        _queryBatcher?.Dispose();
        _queryEncoder?.Dispose();
    }
}

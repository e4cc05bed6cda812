using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Memory.Embeddings.Onnx;

/// <summary>Creates the local sentence-embedding generators: <c>minilm</c> and <c>arctic</c> (all-MiniLM-L6-v2 and
/// snowflake-arctic-embed-xs, shipped with the build) and <c>onnx</c> (the deployer's own model). A model that cannot load is reported as a value, so the caller
/// can fall back to another embedder and say why.</summary>
public static class OnnxEmbeddingGenerators
{
    /// <summary>Model id recorded with vectors of the shipped model.</summary>
    public const string MiniLmModelId = "all-MiniLM-L6-v2";

    /// <summary>Start of the model id recorded with vectors of MiniLM tuned for memory search
    /// (<see cref="OnnxTuning.Memory"/>); the start of the adapter file's SHA-256 follows, so a retrained adapter never
    /// shares vectors with an older one.</summary>
    public const string MiniLmMemoryModelIdPrefix = "all-MiniLM-L6-v2-memory-";

    /// <summary>What the memory-search adapter was trained to see before a search query (stored texts go without it).</summary>
    public const string MiniLmMemoryQueryPrefix = "query: ";

    /// <summary>Model id recorded with vectors of the shipped snowflake-arctic-embed-xs.</summary>
    public const string ArcticModelId = "snowflake-arctic-embed-xs";

    /// <summary>The instruction snowflake-arctic-embed-xs was trained to see before a search query (its
    /// sentence-transformers <c>query</c> prompt); stored texts are embedded without it.</summary>
    public const string ArcticQueryPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Appended to a shipped model's id when its int8 variant runs.</summary>
    public const string Int8Suffix = "-int8";

    /// <summary>MiniLM's int8 graph for queries, made at build beside <c>model.int8.onnx</c>: the inputs of the MatMuls
    /// that read a LayerNorm output smoothed with calibration statistics, the second feed-forward MatMul of layers 0
    /// and 1 left in fp32 (Memory/build/QuantizedModels.targets).</summary>
    public const string MiniLmQueryGraphFile = "model.int8q.onnx";

    // Both shipped models have 512 position embeddings; sentence-transformers uses MiniLM with 256.
    private const int MiniLmTokenLimit = 512;
    private const int AnyModelTokenLimit = 8192;
    private const int MaxBatchSizeLimit = 1024;

    /// <summary>Where the build puts the shipped model: <c>models/all-MiniLM-L6-v2/{model.onnx,vocab.txt}</c> beside the
    /// application's assemblies.</summary>
    public static string MiniLmDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models", MiniLmModelId);

    /// <summary>Where the build puts MiniLM tuned for memory search:
    /// <c>models/all-MiniLM-L6-v2-memory/{model.onnx,model.int8.onnx,model.int8q.onnx,vocab.txt,adapter.lora}</c>.</summary>
    public static string MiniLmMemoryDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2-memory");

    /// <summary>Where the build puts snowflake-arctic-embed-xs:
    /// <c>models/snowflake-arctic-embed-xs/{model.onnx,vocab.txt}</c> beside the application's assemblies.</summary>
    public static string ArcticDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "models", ArcticModelId);

    /// <summary>Loads the shipped all-MiniLM-L6-v2 (384 dimensions, mean pooling, uncased) from
    /// <see cref="MiniLmMemoryDirectory"/> (Tuning=Memory, the default) or <see cref="MiniLmDirectory"/> (None), tuned by
    /// <paramref name="options"/> (MaxTokens, IntraOpThreads, MaxBatchSize, BatchWindowMilliseconds; the path, id,
    /// pooling and casing keys are ignored). False, with the reason in <paramref name="error"/>, when it cannot load.</summary>
    public static bool TryCreateMiniLm(OnnxEmbeddingOptions options, ILoggerFactory loggerFactory,
        [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error) =>
        TryCreateMiniLm(options, loggerFactory, options?.Tuning == OnnxTuning.Memory ? MiniLmMemoryDirectory : MiniLmDirectory, out generator, out error);

    /// <summary>Loads the shipped snowflake-arctic-embed-xs (384 dimensions, CLS pooling, uncased, queries prefixed
    /// with <see cref="ArcticQueryPrefix"/>), tuned by <paramref name="options"/> as for MiniLM. False, with the
    /// reason in <paramref name="error"/>, when it cannot load.</summary>
    public static bool TryCreateArctic(OnnxEmbeddingOptions options, ILoggerFactory loggerFactory,
        [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error) =>
        TryCreateShipped(ShippedModel.Arctic, options, loggerFactory, ArcticDirectory, out generator, out error);

    /// <summary>Loads the deployer's sentence-transformers model named by <paramref name="options"/> (section
    /// <c>Memory:Onnx</c>). False, with the reason in <paramref name="error"/>, when it cannot load.</summary>
    public static bool TryCreate(OnnxEmbeddingOptions options, ILoggerFactory loggerFactory,
        [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        generator = null;
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            error = $"{OnnxEmbeddingOptions.OnnxSection}:ModelPath is not set.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(options.VocabPath))
        {
            error = $"{OnnxEmbeddingOptions.OnnxSection}:VocabPath is not set.";
            return false;
        }

        var modelPath = Path.GetFullPath(options.ModelPath);
        var vocabPath = Path.GetFullPath(options.VocabPath);
        error = Validate(options, OnnxEmbeddingOptions.OnnxSection, AnyModelTokenLimit) ?? MissingFile(modelPath, vocabPath);
        if (error is not null)
        {
            return false;
        }

        string modelId;
        try
        {
            modelId = string.IsNullOrWhiteSpace(options.ModelId) ? ContentModelId(modelPath) : options.ModelId.Trim();
        }
        catch (IOException ex)
        {
            error = $"The model file {modelPath} could not be read: {ex.Message}";
            return false;
        }

        return TryLoad(options, modelPath, vocabPath, modelId, loggerFactory, out generator, out error);
    }

    internal static bool TryCreateMiniLm(OnnxEmbeddingOptions options, ILoggerFactory loggerFactory, string directory,
        [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error) =>
        TryCreateShipped(ShippedModel.MiniLm, options, loggerFactory, directory, out generator, out error);

    /// <summary>The id of the tuned MiniLM's vectors: <see cref="MiniLmMemoryModelIdPrefix"/> and the first 8 hex digits
    /// of the SHA-256 of <c>adapter.lora</c> in <paramref name="directory"/>.</summary>
    internal static string MiniLmMemoryModelId(string directory)
    {
        using var stream = File.OpenRead(Path.Combine(directory, "adapter.lora"));
        return MiniLmMemoryModelIdPrefix + Convert.ToHexStringLower(SHA256.HashData(stream))[..8];
    }

    internal static bool TryCreateShipped(ShippedModel model, OnnxEmbeddingOptions options, ILoggerFactory loggerFactory,
        string directory, [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        generator = null;
        var int8 = options.Precision == OnnxPrecision.Int8;
        var modelPath = Path.Combine(directory, int8 ? "model.int8.onnx" : "model.onnx");
        var vocabPath = Path.Combine(directory, "vocab.txt");
        var arctic = model == ShippedModel.Arctic;
        error = Validate(options, arctic ? OnnxEmbeddingOptions.ArcticSection : OnnxEmbeddingOptions.MiniLmSection, MiniLmTokenLimit)
            ?? MissingFile(modelPath, vocabPath);
        if (error is not null)
        {
            return false;
        }

        var shipped = new OnnxEmbeddingOptions
        {
            MaxTokens = options.MaxTokens,
            // sentence-transformers' configurations of the two models: MiniLM mean-pools, arctic takes [CLS].
            Pooling = arctic ? OnnxPooling.Cls : OnnxPooling.Mean,
            Normalize = true,
            LowerCase = true,
            OutputName = "last_hidden_state",
            IntraOpThreads = options.IntraOpThreads,
            MaxBatchSize = options.MaxBatchSize,
            BatchWindowMilliseconds = options.BatchWindowMilliseconds,
        };
        // int8 vectors differ slightly from fp32 ones: their own id keeps them apart in stores and caches, and switching
        // precision re-embeds the memories in the background like any model change.
        string modelId;
        try
        {
            modelId = (arctic ? ArcticModelId : options.Tuning == OnnxTuning.Memory ? MiniLmMemoryModelId(directory) : MiniLmModelId) + (int8 ? Int8Suffix : "");
        }
        catch (IOException ex)
        {
            error = $"The adapter of the tuned MiniLM in {directory} could not be read: {ex.Message}";
            return false;
        }

        // Queries may run on the other build (int8 queries against fp32 memories): its graph embeds them, the stored
        // vectors and their id stay those of Precision.
        string? queryModelPath = null;
        var queryPrecision = EffectiveQueryPrecision(model, options);
        if (queryPrecision != options.Precision)
        {
            queryModelPath = Path.Combine(directory, QueryGraphFile(model, queryPrecision));
            error = MissingFile(queryModelPath, vocabPath);
            if (error is not null)
            {
                return false;
            }
        }

        var queryPrefix = arctic ? ArcticQueryPrefix : options.Tuning == OnnxTuning.Memory ? MiniLmMemoryQueryPrefix : null;
        return TryLoad(shipped, modelPath, vocabPath, modelId, loggerFactory, out generator, out error, queryPrefix, queryModelPath);
    }

    /// <summary>The build that embeds queries: <see cref="OnnxEmbeddingOptions.QueryPrecision"/>, else MiniLM's default
    /// int8 query graph over fp32 memories (it holds fp32's retrieval quality, docs/embedders.md), else
    /// <see cref="OnnxEmbeddingOptions.Precision"/>.</summary>
    internal static OnnxPrecision EffectiveQueryPrecision(ShippedModel model, OnnxEmbeddingOptions options) =>
        options.QueryPrecision ?? (model == ShippedModel.MiniLm ? OnnxPrecision.Int8 : options.Precision);

    /// <summary>The file of a query graph that differs from the stored texts' graph: for int8, MiniLM's query graph
    /// (<see cref="MiniLmQueryGraphFile"/>, smoothed and partly fp32), arctic's plain int8 graph.</summary>
    private static string QueryGraphFile(ShippedModel model, OnnxPrecision precision) =>
        precision == OnnxPrecision.Fp32 ? "model.onnx" : model == ShippedModel.MiniLm ? MiniLmQueryGraphFile : "model.int8.onnx";

    private static bool TryLoad(OnnxEmbeddingOptions options, string modelPath, string vocabPath, string modelId,
        ILoggerFactory loggerFactory, [NotNullWhen(true)] out IEmbeddingGenerator<string, Embedding<float>>? generator,
        [NotNullWhen(false)] out string? error, string? queryPrefix = null, string? queryModelPath = null)
    {
        var logger = loggerFactory.CreateLogger(typeof(OnnxEmbeddingGenerator));
        var threads = options.IntraOpThreads > 0 ? options.IntraOpThreads : Environment.ProcessorCount;
        var started = Stopwatch.GetTimestamp();
        OnnxSentenceEncoder? encoder = null;
        OnnxSentenceEncoder? queryEncoder = null;
        try
        {
            var tokenizer = SentenceTokenizer.Load(vocabPath, options.LowerCase, options.MaxTokens);
            encoder = OnnxSentenceEncoder.Load(modelPath, options.OutputName, threads, tokenizer.PaddingId,
                tokenizer.Encode("hello"), options.Pooling, options.Normalize, options.MaxBatchSize * options.MaxTokens);
            var batcher = new EmbeddingBatcher(encoder, options.MaxBatchSize,
                TimeSpan.FromMilliseconds(options.BatchWindowMilliseconds), logger);
            EmbeddingBatcher? queryBatcher = null;
            if (queryModelPath is not null)
            {
                queryEncoder = OnnxSentenceEncoder.Load(queryModelPath, options.OutputName, threads, tokenizer.PaddingId,
                    tokenizer.Encode("hello"), options.Pooling, options.Normalize, options.MaxBatchSize * options.MaxTokens);
                queryBatcher = new EmbeddingBatcher(queryEncoder, options.MaxBatchSize,
                    TimeSpan.FromMilliseconds(options.BatchWindowMilliseconds), logger);
            }

            generator = new OnnxEmbeddingGenerator(tokenizer, encoder, batcher, modelId, new Uri(modelPath), queryPrefix, queryBatcher, queryEncoder);
            OnnxEmbeddingLog.ModelLoaded(logger, modelId, encoder.Dimensions, options.MaxTokens, threads,
                options.MaxBatchSize, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            error = null;
            return true;
        }
        catch (Exception ex)
        {
            // Whatever stops the model (a corrupt file, a foreign vocabulary, a missing native runtime) is reported
            // to the caller, which falls back to another embedder and says why.
            encoder?.Dispose();
            queryEncoder?.Dispose();
            OnnxEmbeddingLog.ModelLoadFailed(logger, modelId, modelPath, ex);
            generator = null;
            error = $"{modelId} could not be loaded from {modelPath}: {ex.Message}";
            return false;
        }
    }

    /// <summary>The settings check of one section (<c>Memory:MiniLm</c>, <c>Memory:Arctic</c>, <c>Memory:Onnx</c>), for
    /// the startup validator: null when valid, else a message naming the key. Missing files are not settings errors
    /// (the embedder then falls back to hash and reports it).</summary>
    internal static string? ValidateSettings(OnnxEmbeddingOptions options, string section) =>
        Validate(options, section, section == OnnxEmbeddingOptions.OnnxSection ? AnyModelTokenLimit : MiniLmTokenLimit);

    private static string? Validate(OnnxEmbeddingOptions options, string section, int tokenLimit)
    {
        if (options.MaxTokens < 3 || options.MaxTokens > tokenLimit)
        {
            return $"{section}:MaxTokens must be between 3 and {tokenLimit}; it is {options.MaxTokens}.";
        }

        if (options.MaxBatchSize < 1 || options.MaxBatchSize > MaxBatchSizeLimit)
        {
            return $"{section}:MaxBatchSize must be between 1 and {MaxBatchSizeLimit}; it is {options.MaxBatchSize}.";
        }

        if (!(options.BatchWindowMilliseconds >= 0 && options.BatchWindowMilliseconds <= 1000))
        {
            return $"{section}:BatchWindowMilliseconds must be between 0 and 1000; it is {options.BatchWindowMilliseconds}.";
        }

        if (options.IntraOpThreads < 0)
        {
            return $"{section}:IntraOpThreads must be 0 (one per processor) or more; it is {options.IntraOpThreads}.";
        }

        if (!Enum.IsDefined(options.Precision))
        {
            return $"{section}:Precision must be Int8 or Fp32.";
        }

        if (options.QueryPrecision is { } queryPrecision && !Enum.IsDefined(queryPrecision))
        {
            return $"{section}:QueryPrecision must be Int8 or Fp32.";
        }

        if (!Enum.IsDefined(options.Tuning))
        {
            return $"{section}:Tuning must be Memory or None.";
        }

        return Enum.IsDefined(options.Pooling) ? null : $"{section}:Pooling must be Mean or Cls.";
    }

    private static string? MissingFile(string modelPath, string vocabPath)
    {
        if (!File.Exists(modelPath))
        {
            return $"The model file {modelPath} does not exist.";
        }

        return File.Exists(vocabPath) ? null : $"The vocabulary file {vocabPath} does not exist.";
    }

    // Content-addressed, so a replaced model file never shares cached vectors with the one before it.
    private static string ContentModelId(string modelPath)
    {
        using var stream = new FileStream(modelPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return "onnx-" + Convert.ToHexStringLower(SHA256.HashData(stream).AsSpan(0, 6));
    }
}

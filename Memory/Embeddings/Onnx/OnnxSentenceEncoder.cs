using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Memory.Embeddings.Onnx;

/// <summary>Runs a sentence-transformers encoder: padded token ids in, pooled sentence vectors out. The session is
/// loaded once from the file (ONNX Runtime owns the only copy of the weights) and is thread-safe; the input and
/// output buffers are reused from run to run, so <see cref="Encode"/> must be called by one thread at a time (the
/// batcher's worker).</summary>
internal sealed class OnnxSentenceEncoder : ISentenceEncoder, IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";

    private readonly SessionOptions _sessionOptions;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long _paddingId;
    private readonly OnnxPooling _pooling;
    private readonly bool _normalize;
    private readonly int _maxCells;
    private long[] _ids = [];
    private long[] _mask = [];
    private long[] _types = [];
    private float[] _hidden = [];

    private OnnxSentenceEncoder(SessionOptions sessionOptions, InferenceSession session, string[] inputNames, string outputName,
        int paddingId, OnnxPooling pooling, bool normalize, int maxCells)
    {
        _maxCells = maxCells;
        _sessionOptions = sessionOptions;
        _session = session;
        _inputNames = inputNames;
        _outputNames = [outputName];
        _paddingId = paddingId;
        _pooling = pooling;
        _normalize = normalize;
    }

    /// <summary>Length of the sentence vectors.</summary>
    public int Dimensions { get; private set; }

    /// <summary>Loads the model, checks its inputs and output, and runs it once to learn the vector length (which also
    /// warms the session up). Throws <see cref="InvalidDataException"/> for a model that is not a BERT-style encoder.
    /// <paramref name="maxCells"/> is the largest batch times its padded length that will be asked of it.</summary>
    public static OnnxSentenceEncoder Load(string modelPath, string? outputName, int intraOpThreads, int paddingId,
        IReadOnlyList<int> probeIds, OnnxPooling pooling, bool normalize, int maxCells)
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            // ONNX Runtime plans the intermediate buffers per input shape and reuses the plan when a shape comes back
            // (padded lengths repeat): measured 0.80-0.86x the time of a plain session at batch 8 and 32, against
            // 1.04-1.23x with planning off (docs/embedders.md).
            EnableMemoryPattern = true,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        InferenceSession? session = null;
        try
        {
            session = new InferenceSession(modelPath, sessionOptions);
            var inputNames = ResolveInputs(session);
            var output = ResolveOutput(session, outputName);
            var encoder = new OnnxSentenceEncoder(sessionOptions, session, inputNames, output, paddingId, pooling, normalize, maxCells);
            encoder.Dimensions = encoder.Probe(probeIds);
            return encoder;
        }
        catch
        {
            session?.Dispose();
            sessionOptions.Dispose();
            throw;
        }
    }

    /// <summary>Embeds one batch: <paramref name="tokenIds"/>[i] (framed, truncated ids) into
    /// <paramref name="destinations"/>[i] (arrays of <see cref="Dimensions"/> floats). Returns the padded length.</summary>
    public int Encode(ReadOnlySpan<int[]> tokenIds, ReadOnlySpan<float[]> destinations)
    {
        var batch = tokenIds.Length;
        var length = 1;
        foreach (var ids in tokenIds)
        {
            length = Math.Max(length, ids.Length);
        }

        var cells = batch * length;
        EnsureCapacity(cells);
        for (var i = 0; i < batch; i++)
        {
            var ids = tokenIds[i];
            var row = i * length;
            for (var t = 0; t < ids.Length; t++)
            {
                _ids[row + t] = ids[t];
            }

            _ids.AsSpan(row + ids.Length, length - ids.Length).Fill(_paddingId);
            _mask.AsSpan(row, ids.Length).Fill(1);
            _mask.AsSpan(row + ids.Length, length - ids.Length).Clear();
        }

        long[] inputShape = [batch, length];
        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var buffer = _inputNames[i] switch
                {
                    InputIds => _ids,
                    AttentionMask => _mask,
                    _ => _types,
                };
                inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, cells), inputShape);
            }

            // ONNX Runtime writes the token vectors straight into the reused managed buffer.
            using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance,
                _hidden.AsMemory(0, cells * Dimensions), [batch, length, Dimensions]);
            _session.Run(_runOptions, _inputNames, inputs, _outputNames, [output]);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }

        for (var i = 0; i < batch; i++)
        {
            Pool(_hidden.AsSpan(i * length * Dimensions, length * Dimensions), tokenIds[i].Length, destinations[i]);
        }

        return length;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
        _sessionOptions.Dispose();
    }

    private void Pool(ReadOnlySpan<float> tokens, int count, Span<float> destination)
    {
        var dimensions = Dimensions;
        if (_pooling == OnnxPooling.Cls)
        {
            tokens[..dimensions].CopyTo(destination);
        }
        else
        {
            // The attention mask is 1 on exactly the first `count` positions.
            tokens[..dimensions].CopyTo(destination);
            for (var t = 1; t < count; t++)
            {
                TensorPrimitives.Add(destination, tokens.Slice(t * dimensions, dimensions), destination);
            }

            TensorPrimitives.Divide(destination, count, destination);
        }

        if (_normalize)
        {
            var norm = TensorPrimitives.Norm(destination);
            if (norm > 0)
            {
                TensorPrimitives.Divide(destination, norm, destination);
            }
        }
    }

    private void EnsureCapacity(int cells)
    {
        if (_ids.Length >= cells)
        {
            return;
        }

        // Grow geometrically, but never past the largest batch the batcher forms.
        var size = Math.Max(cells, Math.Min(_ids.Length * 2, _maxCells));
        _ids = GC.AllocateUninitializedArray<long>(size, pinned: true);
        _mask = GC.AllocateUninitializedArray<long>(size, pinned: true);
        _types = GC.AllocateArray<long>(size, pinned: true);
        _hidden = GC.AllocateUninitializedArray<float>(size * Dimensions, pinned: true);
    }

    private int Probe(IReadOnlyList<int> probeIds)
    {
        var count = probeIds.Count;
        long[] shape = [1, count];
        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < inputs.Length; i++)
            {
                var values = new long[count];
                for (var t = 0; t < count; t++)
                {
                    values[t] = _inputNames[i] switch
                    {
                        InputIds => probeIds[t],
                        AttentionMask => 1,
                        _ => 0,
                    };
                }

                inputs[i] = OrtValue.CreateTensorValueFromMemory(values, shape);
            }

            using var outputs = _session.Run(_runOptions, _inputNames, inputs, _outputNames);
            var info = outputs[0].GetTensorTypeAndShape();
            if (info.ElementDataType != TensorElementType.Float || info.Shape.Length != 3 || info.Shape[0] != 1 ||
                info.Shape[1] != count || info.Shape[2] <= 0)
            {
                throw new InvalidDataException(
                    $"Output '{_outputNames[0]}' must be float token vectors [batch, tokens, dimensions]; it was {info.ElementDataType} [{string.Join(", ", info.Shape)}].");
            }

            return checked((int)info.Shape[2]);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input?.Dispose();
            }
        }
    }

    private static string[] ResolveInputs(InferenceSession session)
    {
        var inputs = session.InputMetadata;
        if (!inputs.ContainsKey(InputIds))
        {
            throw new InvalidDataException($"The model has no '{InputIds}' input (it has {string.Join(", ", inputs.Keys)}).");
        }

        foreach (var (name, metadata) in inputs)
        {
            if (name is not (InputIds or AttentionMask or TokenTypeIds))
            {
                throw new InvalidDataException(
                    $"The model needs an input '{name}'; a BERT-style encoder takes only {InputIds}, {AttentionMask} and {TokenTypeIds}.");
            }

            if (metadata.ElementDataType != TensorElementType.Int64)
            {
                throw new InvalidDataException($"Input '{name}' must be int64; it is {metadata.ElementDataType}.");
            }
        }

        // Feed exactly what the model declares (some encoders, DistilBERT's for one, take no token types).
        return [.. new[] { InputIds, AttentionMask, TokenTypeIds }.Where(inputs.ContainsKey)];
    }

    private static string ResolveOutput(InferenceSession session, string? configured)
    {
        var outputs = session.OutputMetadata;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return outputs.ContainsKey(configured)
                ? configured
                : throw new InvalidDataException($"The model has no output '{configured}' (it has {string.Join(", ", outputs.Keys)}).");
        }

        foreach (var candidate in new[] { "last_hidden_state", "token_embeddings" })
        {
            if (outputs.ContainsKey(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidDataException(
            $"The model has neither 'last_hidden_state' nor 'token_embeddings' (it has {string.Join(", ", outputs.Keys)}); name the token-vector output in OutputName.");
    }
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Memory.Embeddings.Onnx;

/// <summary>Coalesces texts from concurrent callers into model runs on one worker thread. Texts that arrive while a
/// batch runs form the next one. A lone call runs at once (a query's embedding is on the request's path); when texts
/// of several calls are waiting, a burst is under way and the oldest waits at most the window for more company (or
/// until a full batch has queued). Each round takes up to a few batches' worth of texts, sorts them by length so that
/// texts of similar length share a batch and padding stays small, and runs them in batches of at most the cap.</summary>
internal sealed class EmbeddingBatcher : IDisposable
{
    // A round spans a few batches so sorting has room to work, yet a small request never waits behind a huge one.
    private const int BatchesPerRound = 4;

    private readonly object _gate = new();
    private readonly Queue<PendingText> _queue = new();
    private readonly ISentenceEncoder _encoder;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly long _windowTicks;
    private readonly Thread _worker;
    private bool _stopping;

    public EmbeddingBatcher(ISentenceEncoder encoder, int maxBatchSize, TimeSpan window, ILogger logger)
    {
        _encoder = encoder;
        _maxBatchSize = maxBatchSize;
        _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        _logger = logger;
        _worker = new Thread(Work) { IsBackground = true, Name = "onnx-embedder" };
        _worker.Start();
    }

    /// <summary>Queues the texts of <paramref name="call"/>; its completion receives their vectors.</summary>
    public void Submit(EmbeddingCall call, int[][] tokenIds)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, this);
            for (var i = 0; i < tokenIds.Length; i++)
            {
                _queue.Enqueue(new PendingText(call, i, tokenIds[i], now));
            }

            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Stops the worker after the round in progress; texts still queued fail with
    /// <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return;
            }

            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _worker.Join();
        lock (_gate)
        {
            while (_queue.TryDequeue(out var pending))
            {
                pending.Call.Fail(new ObjectDisposedException(nameof(OnnxEmbeddingGenerator)));
            }
        }
    }

    private void Work()
    {
        var round = new List<PendingText>(_maxBatchSize * BatchesPerRound);
        while (TakeRound(round))
        {
            round.Sort(static (a, b) => a.TokenIds.Length.CompareTo(b.TokenIds.Length));
            var texts = CollectionsMarshal.AsSpan(round);
            for (var start = 0; start < texts.Length; start += _maxBatchSize)
            {
                EncodeBatch(texts.Slice(start, Math.Min(_maxBatchSize, texts.Length - start)));
            }

            round.Clear();
        }
    }

    private bool TakeRound(List<PendingText> round)
    {
        lock (_gate)
        {
            while (true)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                // Measured from when the oldest text arrived: under load it has waited long enough already.
                var deadline = _queue.Count > 0 ? _queue.Peek().EnqueuedAt + _windowTicks : 0;
                while (!_stopping && _queue.Count < _maxBatchSize && HoldsSeveralCalls())
                {
                    var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    Monitor.Wait(_gate, Math.Max(1, (int)Math.Ceiling(remaining.TotalMilliseconds)));
                }

                if (_stopping)
                {
                    return false;
                }

                while (round.Count < _maxBatchSize * BatchesPerRound && _queue.TryDequeue(out var pending))
                {
                    if (!pending.Call.IsFinished)
                    {
                        round.Add(pending);
                    }
                }

                if (round.Count > 0)
                {
                    return true;
                }
            }
        }
    }

    private bool HoldsSeveralCalls()
    {
        var first = _queue.Peek().Call;
        foreach (var pending in _queue)
        {
            if (!ReferenceEquals(pending.Call, first))
            {
                return true;
            }
        }

        return false;
    }

    private void EncodeBatch(ReadOnlySpan<PendingText> batch)
    {
        var tokenIds = new int[batch.Length][];
        var vectors = new float[batch.Length][];
        for (var i = 0; i < batch.Length; i++)
        {
            tokenIds[i] = batch[i].TokenIds;
            vectors[i] = new float[_encoder.Dimensions];
        }

        var started = Stopwatch.GetTimestamp();
        int paddedLength;
        try
        {
            paddedLength = _encoder.Encode(tokenIds, vectors);
        }
        catch (Exception ex)
        {
            // The worker must survive whatever one batch throws; the callers of that batch receive the failure.
            OnnxEmbeddingLog.BatchFailed(_logger, batch.Length, ex);
            foreach (var pending in batch)
            {
                pending.Call.Fail(ex);
            }

            return;
        }

        OnnxEmbeddingLog.BatchEncoded(_logger, batch.Length, paddedLength, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i].Call.SetVector(batch[i].Index, vectors[i]);
        }
    }
}

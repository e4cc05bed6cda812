using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Memory.Retrieval;

/// <summary>Keeps memory from stalling a call: a query embedding not done within
/// <see cref="RetrievalOptions.DeadlineMilliseconds"/> of its start is left to finish in the background (it still
/// fills the embedding cache) while the call goes on with the profile and the lexical results. At most
/// <see cref="RetrievalOptions.MaxLateEmbeddings"/> late embeddings run at once; past that, a query is not embedded
/// at all, so a stuck embedder cannot pile up work. Misses are counted for metrics and <c>/healthz</c>.</summary>
public sealed class RetrievalDeadline
{
    private const int RecentCapacity = 256;

    private readonly TimeSpan _deadline;
    private readonly int _maxLate;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long[] _recent = new long[RecentCapacity];
    private readonly Lock _gate = new();
    private int _recentNext;
    private int _late;
    private long _misses;

    public RetrievalDeadline(IOptions<RetrievalOptions> options, TimeProvider time, ILogger<RetrievalDeadline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _deadline = TimeSpan.FromMilliseconds(options.Value.DeadlineMilliseconds);
        _maxLate = options.Value.MaxLateEmbeddings;
        _time = time;
        _logger = logger ?? NullLogger<RetrievalDeadline>.Instance;
    }

    /// <summary>The deadline; zero: none (retrieval waits for the embedding as long as it takes).</summary>
    public TimeSpan Deadline => _deadline;

    /// <summary>Query embeddings that missed the deadline (or were skipped because too many late ones still ran),
    /// since start.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Late embeddings still running in the background.</summary>
    public int LateInFlight => Volatile.Read(ref _late);

    /// <summary>Raised on every miss with its reason: <c>deadline</c> or <c>backlog</c>.</summary>
    public event Action<string>? Missed;

    /// <summary>Misses within the last <paramref name="window"/> (at most the last 256 are remembered).</summary>
    public int MissesWithin(TimeSpan window)
    {
        var since = _time.GetTimestamp() - (long)(window.TotalSeconds * _time.TimestampFrequency);
        lock (_gate)
        {
            var count = 0;
            foreach (var at in _recent)
            {
                if (at != 0 && at >= since)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>False when the query must not be embedded now (too many late embeddings still run): the miss is
    /// counted and retrieval goes lexical.</summary>
    internal bool TryAdmit()
    {
        if (_deadline <= TimeSpan.Zero || Volatile.Read(ref _late) < _maxLate)
        {
            return true;
        }

        Miss("backlog");
        return false;
    }

    /// <summary>The embedding if it is done by the deadline (counted from <paramref name="startedAt"/>, a
    /// <see cref="TimeProvider"/> timestamp), else null: the embedding then goes on in the background.</summary>
    internal async Task<ReadOnlyMemory<float>?> WaitAsync(Task<ReadOnlyMemory<float>?> embedding, long startedAt, CancellationToken cancellationToken)
    {
        if (embedding.IsCompleted || _deadline <= TimeSpan.Zero)
        {
            return await embedding.ConfigureAwait(false);
        }

        var remaining = _deadline - _time.GetElapsedTime(startedAt);
        if (remaining > TimeSpan.Zero)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(remaining, _time, stop.Token);
            var first = await Task.WhenAny(embedding, delay).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            if (first == embedding)
            {
                return await embedding.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }

        if (embedding.IsCompleted)
        {
            return await embedding.ConfigureAwait(false);
        }

        TrackLate(embedding);
        Miss("deadline");
        return null;
    }

    /// <summary>Counts <paramref name="embedding"/> among the late ones until it completes.</summary>
    internal void TrackLate(Task embedding)
    {
        if (embedding.IsCompleted)
        {
            return;
        }

        Interlocked.Increment(ref _late);
        _ = embedding.ContinueWith(_ => Interlocked.Decrement(ref _late), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Miss(string reason)
    {
        Interlocked.Increment(ref _misses);
        lock (_gate)
        {
            _recent[_recentNext] = _time.GetTimestamp();
            _recentNext = (_recentNext + 1) % RecentCapacity;
        }

        RetrievalDeadlineLog.Missed(_logger, reason, _deadline.TotalMilliseconds, LateInFlight);
        Missed?.Invoke(reason);
    }
}

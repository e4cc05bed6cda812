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

    // Adaptive admission (AIMD, as congestion control does): at most _limit query embeddings in flight. One that
    // finishes within the deadline raises the limit by 1/limit; one that finishes late cuts it by a quarter (at most
    // once per deadline, so one congested moment counts once). A saturated machine then embeds only what it can
    // finish in time instead of queueing embeddings that all come late and take the CPU from everything else.
    private const double MinLimit = 1;
    private const double MaxLimit = 256;
    private readonly bool _adaptive;
    private double _limit;
    private int _inFlight;
    private long _lastCut;

    public RetrievalDeadline(IOptions<RetrievalOptions> options, TimeProvider time, ILogger<RetrievalDeadline>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _deadline = TimeSpan.FromMilliseconds(options.Value.DeadlineMilliseconds);
        _maxLate = options.Value.MaxLateEmbeddings;
        _adaptive = options.Value.AdaptiveAdmission;
        _limit = Math.Clamp(4.0 * Environment.ProcessorCount, MinLimit, MaxLimit);
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

    /// <summary>Query embeddings admitted and not finished.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>How many query embeddings may be in flight at once now (adaptive admission), rounded down.</summary>
    public int AdmissionLimit => (int)Volatile.Read(ref _limit); // read on every admission: no lock (writes hold _gate)

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
        if (_deadline <= TimeSpan.Zero)
        {
            return true;
        }

        if (Volatile.Read(ref _late) >= _maxLate)
        {
            Miss("backlog");
            return false;
        }

        if (_adaptive && Interlocked.Increment(ref _inFlight) > AdmissionLimit)
        {
            Interlocked.Decrement(ref _inFlight); // counted, then not admitted
            Miss("backlog");
            return false;
        }

        return true;
    }

    /// <summary>Follows an admitted embedding (<see cref="TryAdmit"/> true; started at <paramref name="startedAt"/>,
    /// a <see cref="TimeProvider"/> timestamp) to its end: it leaves the in-flight count, and whether it finished within
    /// the deadline moves the admission limit.</summary>
    internal void Admitted(Task embedding, long startedAt)
    {
        if (_deadline <= TimeSpan.Zero || !_adaptive)
        {
            return;
        }

        if (embedding.IsCompleted)
        {
            Finished(startedAt);
            return;
        }

        _ = embedding.ContinueWith(_ => Finished(startedAt), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Finished(long startedAt)
    {
        Interlocked.Decrement(ref _inFlight);
        var onTime = _time.GetElapsedTime(startedAt) <= _deadline;
        lock (_gate)
        {
            if (onTime)
            {
                Volatile.Write(ref _limit, Math.Min(MaxLimit, _limit + (1 / _limit)));
            }
            else if (_time.GetElapsedTime(_lastCut) > _deadline)
            {
                Volatile.Write(ref _limit, Math.Max(MinLimit, _limit * 0.75));
                _lastCut = _time.GetTimestamp();
            }
        }
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

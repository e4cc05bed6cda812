using System.Collections.Concurrent;
using Memory.Configuration;
using Memory.Stores;
using Memory.WriteBack.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.WriteBack;

/// <summary>The hosted worker that drains the outbox: claims due turns (one per user at a time, each user's in
/// order) and writes back up to <see cref="WriteBackOptions.MaxConcurrentTurns"/> of them at once, each under its
/// user's lock (dropping it when its user was erased after it started), then completes it, or records the failure for
/// a retry with backoff (poisoned after the last attempt, kept for inspection). Woken by enqueues; polls otherwise.
/// Stopping mid-turn leaves the turn leased; the next start replays it.</summary>
internal sealed class WriteBackWorker(
    IOutboxQueue outbox,
    TurnProcessor processor,
    IErasureTombstones tombstones,
    WriteBackSignal signal,
    IOptions<MemoryOptions> memoryOptions,
    IOptions<WriteBackOptions> options,
    TimeProvider time,
    ILogger<WriteBackWorker> logger,
    Cluster.IUserWriteLeases? userLeases = null) : BackgroundService, IWriteBackMonitor
{
    private readonly WriteBackOptions _options = options.Value;
    private readonly object _gate = new();
    private TaskCompletionSource _passDone = NewSignal();
    private int _inFlight;
    private DateTimeOffset _lastPrune;

    public async Task WhenIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task pass;
            lock (_gate)
            {
                pass = _passDone.Task;
            }

            // The outbox first, then the in-flight count: a pass counts itself in before it claims, so a turn that
            // stopped being due while we asked is either still counted here or already finished. The other order
            // misses a turn claimed between the two reads.
            if (!await outbox.HasDueWorkAsync(cancellationToken).ConfigureAwait(false) && Volatile.Read(ref _inFlight) == 0)
            {
                return;
            }

            signal.Notify();
            await pass.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WriteBackLog.WorkerStarted(logger, memoryOptions.Value.Extraction.Mode, _options.MaxConcurrentTurns);
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunPassAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                WriteBackLog.PassFailed(logger, ex, ex.GetType().Name);
            }
            finally
            {
                CompletePass();
            }

            if (claimed == 0)
            {
                try
                {
                    // Turns waiting for a quiet conversation become due without a signal: look often enough to
                    // take them soon after.
                    var wait = _options.QuietPeriod > TimeSpan.Zero && _options.QuietPeriod / 4 < _options.PollInterval
                        ? _options.QuietPeriod / 4
                        : _options.PollInterval;
                    await signal.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One pass: claim a batch and process it; returns how many turns were claimed.</summary>
    internal async Task<int> RunPassAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            var leases = await outbox.ClaimAsync(_options.BatchSize, cancellationToken).ConfigureAwait(false);
            await ProcessBatchAsync(leases, cancellationToken).ConfigureAwait(false);
            await PruneIfDueAsync(cancellationToken).ConfigureAwait(false);
            return leases.Count;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Writes back the claimed turns, up to <see cref="WriteBackOptions.MaxConcurrentTurns"/> at once, so a
    /// slow or hung LLM call holds back its own turn only. The outbox claims at most one turn per user; should a batch
    /// hold more, that user's turns still run one after another, in claim order. Returns once every turn it started
    /// has ended (the pass stays counted in flight until then); the first failure, or the stop, is thrown after.</summary>
    private async Task ProcessBatchAsync(IReadOnlyList<OutboxLease> leases, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return;
        }

        var users = new ConcurrentQueue<List<OutboxLease>>(leases.GroupBy(l => l.Turn.User).Select(g => g.ToList()));
        var lanes = new Task[Math.Min(_options.MaxConcurrentTurns, users.Count)];
        for (var i = 0; i < lanes.Length; i++)
        {
            lanes[i] = Task.Run(async () =>
            {
                while (users.TryDequeue(out var turns))
                {
                    foreach (var lease in turns)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        await ProcessOneAsync(lease, cancellationToken).ConfigureAwait(false);
                    }
                }
            }, CancellationToken.None);
        }

        await Task.WhenAll(lanes).ConfigureAwait(false);
    }

    private async Task ProcessOneAsync(OutboxLease lease, CancellationToken cancellationToken)
    {
        using var held = await outbox.LockUserAsync(lease.Turn.User, cancellationToken).ConfigureAwait(false);
        if (!await outbox.IsLeaseValidAsync(lease, cancellationToken).ConfigureAwait(false))
        {
            WriteBackLog.LeaseLost(logger, lease.Turn.TurnId);
            return;
        }

        try
        {
            // In a cluster, also under the user's lease (one replica at a time; an erasure on any replica waits for
            // it after publishing its tombstone).
            var userLease = await (userLeases?.AcquireAsync(lease.Turn.User, cancellationToken)
                ?? ValueTask.FromResult(Cluster.UserWriteLease.Local)).ConfigureAwait(false);
            await using var releaseUserLease = userLease.ConfigureAwait(false);

            // Under the user's lock, which erasure takes after recording its tombstone: either the tombstone is seen
            // here, or the erasure waits for this turn and wipes what it wrote.
            if (await tombstones.ErasedSinceAsync(lease.Turn.User, lease.Turn.ErasureGeneration, cancellationToken).ConfigureAwait(false))
            {
                ErasureLog.TurnRefusedErased(logger, lease.Turn.TurnId);
                await outbox.CompleteAsync(lease, OutboxState.Dropped, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            if (!await userLease.IsHeldAsync().ConfigureAwait(false))
            {
                throw new TimeoutException("The user's write-back lease expired and went to another replica (fencing token superseded).");
            }

            var outcome = await processor.ProcessAsync(lease, cancellationToken).ConfigureAwait(false);
            await outbox.CompleteAsync(lease, outcome, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // Stopping: the lease stays; the next start replays the turn.
        }
        catch (Exception ex)
        {
            var kind = ex.GetType().Name;
            // An upstream's error message may quote the prompt, that is the user's own words: it is never logged.
            var logged = ex is HttpRequestException || ex.GetType().Namespace?.StartsWith("System.ClientModel", StringComparison.Ordinal) == true ? null : ex;
            if (await outbox.FailAsync(lease, kind, CancellationToken.None).ConfigureAwait(false))
            {
                WriteBackLog.TurnPoisoned(logger, logged, lease.Turn.TurnId, lease.Attempts, kind);
            }
            else
            {
                WriteBackLog.TurnFailed(logger, logged, lease.Turn.TurnId, lease.Attempts, kind);
            }
        }
    }

    private async Task PruneIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromHours(1))
        {
            return;
        }

        _lastPrune = now;
        await outbox.PruneAsync(cancellationToken).ConfigureAwait(false);
    }

    private void CompletePass()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            done = _passDone;
            _passDone = NewSignal();
        }

        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

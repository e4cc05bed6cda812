using Memory.Embeddings.Onnx;
using Microsoft.Extensions.Logging.Abstractions;

namespace Memory.Tests.Embeddings.Onnx;

public sealed class EmbeddingBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Calls_arriving_during_a_run_share_the_next_batch()
    {
        var encoder = new ScriptedEncoder(holdFirstBatch: true);
        using var batcher = new EmbeddingBatcher(encoder, maxBatchSize: 32, TimeSpan.Zero, NullLogger.Instance);
        var first = Submit(batcher, [1, 2]);
        Assert.True(encoder.FirstBatchStarted.Wait(Patience));

        var others = new[] { Submit(batcher, [3]), Submit(batcher, [4, 5]), Submit(batcher, [6, 7, 8]) };
        encoder.Release.Set();
        await first.Completion.WaitAsync(Patience);
        await Task.WhenAll(others.Select(c => c.Completion)).WaitAsync(Patience);

        Assert.Equal([1, 3], encoder.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task Each_caller_gets_its_own_vectors_in_its_own_order()
    {
        var encoder = new ScriptedEncoder(holdFirstBatch: true);
        using var batcher = new EmbeddingBatcher(encoder, maxBatchSize: 2, TimeSpan.Zero, NullLogger.Instance);
        var blocker = Submit(batcher, [99]);
        Assert.True(encoder.FirstBatchStarted.Wait(Patience));

        // Queued together, sorted by length across calls, run two at a time.
        var a = Submit(batcher, [10, 1, 1, 1, 1], [11]);
        var b = Submit(batcher, [20, 1, 1], [21, 1, 1, 1, 1, 1], [22, 1]);
        encoder.Release.Set();
        var vectorsA = await a.Completion.WaitAsync(Patience);
        var vectorsB = await b.Completion.WaitAsync(Patience);
        await blocker.Completion.WaitAsync(Patience);

        Assert.Equal([10f, 11f], vectorsA.Select(v => v[0]));
        Assert.Equal([20f, 21f, 22f], vectorsB.Select(v => v[0]));
        Assert.Equal([[11, 22], [20, 10], [21]], encoder.Batches.Skip(1).Select(batch => batch.Select(ids => ids[0])));
    }

    [Fact]
    public async Task A_failing_batch_fails_its_callers_and_the_worker_keeps_serving()
    {
        var encoder = new ScriptedEncoder(holdFirstBatch: false);
        using var batcher = new EmbeddingBatcher(encoder, maxBatchSize: 32, TimeSpan.Zero, NullLogger.Instance);

        var failed = Submit(batcher, [ScriptedEncoder.Poison]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failed.Completion.WaitAsync(Patience));
        var later = await Submit(batcher, [5, 6]).Completion.WaitAsync(Patience);

        Assert.Equal(5f, later[0][0]);
    }

    [Fact]
    public async Task A_cancelled_call_is_not_embedded()
    {
        var encoder = new ScriptedEncoder(holdFirstBatch: true);
        using var batcher = new EmbeddingBatcher(encoder, maxBatchSize: 32, TimeSpan.Zero, NullLogger.Instance);
        var blocker = Submit(batcher, [1]);
        Assert.True(encoder.FirstBatchStarted.Wait(Patience));
        using var cancellation = new CancellationTokenSource();

        var cancelled = Submit(batcher, [42]);
        cancelled.Cancel(cancellation.Token);
        var kept = Submit(batcher, [7]);
        encoder.Release.Set();
        await kept.Completion.WaitAsync(Patience);
        await blocker.Completion.WaitAsync(Patience);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.Completion);
        Assert.DoesNotContain(encoder.Batches.SelectMany(b => b), ids => ids[0] == 42);
    }

    [Fact]
    public void A_disposed_batcher_refuses_new_texts()
    {
        var batcher = new EmbeddingBatcher(new ScriptedEncoder(holdFirstBatch: false), 32, TimeSpan.Zero, NullLogger.Instance);
        batcher.Dispose();

        Assert.Throws<ObjectDisposedException>(() => Submit(batcher, [1]));
    }

    private static EmbeddingCall Submit(EmbeddingBatcher batcher, params int[][] texts)
    {
        var call = new EmbeddingCall(texts.Length);
        batcher.Submit(call, texts);
        return call;
    }
}

using System.Collections.Concurrent;
using Memory.Embeddings.Onnx;

namespace Memory.Tests.Embeddings.Onnx;

/// <summary>A stand-in encoder: vector i is (first token id, token count); it can hold its first batch until
/// released, and throws for a batch holding the token id <see cref="Poison"/>.</summary>
internal sealed class ScriptedEncoder(bool holdFirstBatch) : ISentenceEncoder
{
    public const int Poison = 666;

    private int _calls;

    public ManualResetEventSlim FirstBatchStarted { get; } = new();

    public ManualResetEventSlim Release { get; } = new(initialState: !holdFirstBatch);

    public ConcurrentQueue<int[][]> Batches { get; } = new();

    public int Dimensions => 2;

    public int Encode(ReadOnlySpan<int[]> tokenIds, ReadOnlySpan<float[]> destinations)
    {
        Batches.Enqueue(tokenIds.ToArray());
        if (Interlocked.Increment(ref _calls) == 1)
        {
            FirstBatchStarted.Set();
            Release.Wait(TimeSpan.FromSeconds(30));
        }

        var length = 0;
        for (var i = 0; i < tokenIds.Length; i++)
        {
            if (tokenIds[i].Contains(Poison))
            {
                throw new InvalidOperationException("scripted failure");
            }

            destinations[i][0] = tokenIds[i][0];
            destinations[i][1] = tokenIds[i].Length;
            length = Math.Max(length, tokenIds[i].Length);
        }

        return length;
    }
}

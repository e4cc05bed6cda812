namespace Memory.Embeddings.Onnx;

/// <summary>One <c>GenerateAsync</c> call in flight: collects the vectors of its texts, which may be embedded in
/// different batches, and completes when the last one arrives.</summary>
internal sealed class EmbeddingCall
{
    private readonly float[][] _vectors;
    private readonly TaskCompletionSource<float[][]> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public EmbeddingCall(int count)
    {
        _vectors = new float[count][];
        _remaining = count;
    }

    public Task<float[][]> Completion => _completion.Task;

    /// <summary>Cancelled, failed or done: its remaining texts need not be embedded.</summary>
    public bool IsFinished => _completion.Task.IsCompleted;

    public void SetVector(int index, float[] vector)
    {
        _vectors[index] = vector;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _completion.TrySetResult(_vectors);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(exception);

    public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}

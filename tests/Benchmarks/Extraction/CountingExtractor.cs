using Memory.WriteBack;
using Memory.WriteBack.Extraction;

namespace Benchmarks.Extraction;

/// <summary>Runs the LLM extractor for the benchmark: a turn whose upstream call fails counts as storing nothing
/// (the worker would retry it later) instead of ending the run.</summary>
internal sealed class CountingExtractor(IFactExtractor inner) : IFactExtractor
{
    private int _errors;

    public int Errors => Volatile.Read(ref _errors);

    public async Task<IReadOnlyList<ExtractedFact>> ExtractAsync(ConversationTurn turn, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ExtractAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _errors);
            return [];
        }
    }
}

using System.Diagnostics.Metrics;
using Memory.Retrieval;

namespace Gateway.Diagnostics;

/// <summary>Counts retrieval deadline misses on the gateway's meter (<c>gateway.memory.retrieval.deadline_misses</c>,
/// tagged <c>reason</c>: <c>deadline</c> or <c>backlog</c>), from start-up on, the warm-up's own calls excepted.</summary>
internal sealed class RetrievalDeadlineMetrics : IHostedService, IDisposable
{
    public const string InstrumentName = "gateway.memory.retrieval.deadline_misses";

    private readonly RetrievalDeadline _deadline;
    private readonly Counter<long> _misses;

    public RetrievalDeadlineMetrics(IMeterFactory meterFactory, RetrievalDeadline deadline)
    {
        _deadline = deadline;
        _misses = meterFactory.Create(GatewayMetrics.MeterName).CreateCounter<long>(InstrumentName,
            description: "Query embeddings that missed the retrieval deadline (the call went on with lexical memories).");
        _deadline.Missed += OnMissed;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _deadline.Missed -= OnMissed;

    private void OnMissed(string reason)
    {
        // A miss is reported in the flow of the call that missed: the start-up warm-up's own calls are not counted.
        if (!Hosting.WarmUp.WarmUpScope.IsActive)
        {
            _misses.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }
    }
}

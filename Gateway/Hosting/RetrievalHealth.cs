using System.Globalization;
using Gateway.Endpoints;
using Gateway.Hosting.WarmUp;
using Memory.Retrieval;

namespace Gateway.Hosting;

/// <summary>Reports on <c>/healthz</c> (as <c>retrieval</c>, the gateway stays 200) while query embeddings have
/// missed the retrieval deadline within the last <see cref="Window"/>: those calls were answered with the profile
/// and lexical memories only.</summary>
internal sealed class RetrievalHealth(RetrievalDeadline deadline, WarmUpGate warmUp, TimeProvider time) : IDegradationReporter
{
    /// <summary>How far back a miss keeps the gateway reported as degraded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public IEnumerable<(string Component, string Reason)> Degradations()
    {
        // The warm-up's own calls meet cold code and may miss the deadline; only misses after it count.
        var window = warmUp.FinishedAt == 0 ? Window : TimeSpan.FromTicks(Math.Min(Window.Ticks, time.GetElapsedTime(warmUp.FinishedAt).Ticks));
        var recent = deadline.MissesWithin(window);
        if (recent > 0)
        {
            yield return ("retrieval", string.Create(CultureInfo.InvariantCulture,
                $"{recent} query embeddings missed the {deadline.Deadline.TotalMilliseconds:0} ms retrieval deadline in the last {Window.TotalMinutes:0} minutes (answered with profile and lexical memories; {deadline.LateInFlight} still running; at most {deadline.AdmissionLimit} embedded at once now)"));
        }
    }
}

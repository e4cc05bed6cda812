using System.Globalization;
using Gateway.Endpoints;
using Memory.Retrieval;

namespace Gateway.Hosting;

/// <summary>Reports on <c>/healthz</c> (as <c>retrieval</c>, the gateway stays 200) while query embeddings have
/// missed the retrieval deadline within the last <see cref="Window"/>: those calls were answered with the profile
/// and lexical memories only.</summary>
internal sealed class RetrievalHealth(RetrievalDeadline deadline) : IDegradationReporter
{
    /// <summary>How far back a miss keeps the gateway reported as degraded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    public IEnumerable<(string Component, string Reason)> Degradations()
    {
        var recent = deadline.MissesWithin(Window);
        if (recent > 0)
        {
            yield return ("retrieval", string.Create(CultureInfo.InvariantCulture,
                $"{recent} query embeddings missed the {deadline.Deadline.TotalMilliseconds:0} ms retrieval deadline in the last {Window.TotalMinutes:0} minutes (answered with profile and lexical memories; {deadline.LateInFlight} still running)"));
        }
    }
}

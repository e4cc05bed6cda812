using Gateway.Endpoints;
using Memory.Embeddings;

namespace Gateway.Hosting;

/// <summary>Reports on <c>/healthz</c> when the embedder fell back to <c>hash</c>.</summary>
internal sealed class EmbedderHealth(EmbedderStatus status) : IDegradationReporter
{
    public IEnumerable<(string Component, string Reason)> Degradations()
    {
        if (status.IsDegraded)
        {
            yield return ("embedder", status.FallbackReason!);
        }
    }
}

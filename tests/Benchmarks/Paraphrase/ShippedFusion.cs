using Memory.Retrieval;

namespace Benchmarks.Paraphrase;

/// <summary>The fusion the gateway ships for the embedder being measured: <see cref="RetrievalOptions"/> with the
/// embedder's profile (<see cref="FusionProfiles"/>), as the gateway's options are before configuration. The harnesses
/// set <see cref="ModelId"/> once they have created the embedder; every "default" and variant row starts from it.</summary>
internal static class ShippedFusion
{
    public static string? ModelId { get; set; }

    public static RetrievalOptions New() => FusionProfiles.ApplyDefaults(new RetrievalOptions(), ModelId);
}

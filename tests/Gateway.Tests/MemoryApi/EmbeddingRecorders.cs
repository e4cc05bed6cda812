using System.Collections.Concurrent;
using Memory;
using Microsoft.Extensions.AI;

namespace Gateway.Tests.MemoryApi;

/// <summary>Records what a gateway's embedders are asked: <see cref="Requested"/> at the generator the memory service,
/// retriever and re-embedding use (in front of the embedding cache), <see cref="Computed"/> at the raw model behind it.</summary>
public sealed class EmbeddingRecorders
{
    public ConcurrentQueue<string> Requested { get; } = new();
    public ConcurrentQueue<string> Computed { get; } = new();

    /// <summary>For <see cref="TestGateway.StartAsync"/>'s configure callback: wraps both registrations.</summary>
    public void Install(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var raw = services.Single(d => d.IsKeyedService && Equals(d.ServiceKey, MemoryServiceCollectionExtensions.RawEmbedderKey)).KeyedImplementationFactory!;
        services.AddMemoryEmbedder(sp => new RecordingEmbeddingGenerator(
            (IEmbeddingGenerator<string, Embedding<float>>)raw(sp, MemoryServiceCollectionExtensions.RawEmbedderKey), Computed));

        var outer = services.Single(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>) && !d.IsKeyedService);
        var factory = outer.ImplementationFactory!;
        services.Remove(outer);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            new RecordingEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)factory(sp), Requested));
    }
}

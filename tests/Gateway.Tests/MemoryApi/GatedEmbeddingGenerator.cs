using Microsoft.Extensions.AI;

namespace Gateway.Tests.MemoryApi;

/// <summary>Passes every call through, except that once armed, the first call embedding a text containing the marker
/// stops until <see cref="Release"/>: a test can hold a request at a known point (its memory selection) and do
/// something else meanwhile.</summary>
public sealed class GatedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly EmbeddingGate _gate = new();

    /// <summary>Completes when a call with the marker is being held.</summary>
    public Task Entered => _gate.Entered;

    public void Arm(string marker) => _gate.Arm(marker);

    public void Release() => _gate.Release();

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        await _gate.PassAsync(list, cancellationToken);

        return await base.GenerateAsync(list, options, cancellationToken);
    }

    /// <summary>For <see cref="TestGateway.StartAsync"/>'s configure callback: wraps the generator the memory service
    /// and retriever use; the gate is then that service (<see cref="Of"/>).</summary>
    public static void Install(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var outer = services.Single(d => d.ServiceType == typeof(IEmbeddingGenerator<string, Embedding<float>>) && !d.IsKeyedService);
        var factory = outer.ImplementationFactory!;
        services.Remove(outer);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(sp =>
            new GatedEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)factory(sp)));
    }

    public static GatedEmbeddingGenerator Of(TestGateway gateway) =>
        (GatedEmbeddingGenerator)gateway.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
}

using System.Collections.Concurrent;
using Memory;
using Memory.Embeddings.Hash;
using Microsoft.Extensions.AI;

namespace Gateway.Tests.Latency;

/// <summary>A slow model behind the embedding cache: once armed, the first call embedding a text with the marker
/// blocks until <see cref="Release"/> (a gate the test opens, no sleeps). Records every text it computes. Unless told
/// otherwise it does not pass for the in-process <c>hash</c> embedder, so the gateway puts its embedding cache in
/// front of it as it would for a model.</summary>
public sealed class BlockingEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner, bool inProcess)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly EmbeddingGate _gate = new();

    /// <summary>Completes when a call with the marker is being held.</summary>
    public Task Entered => _gate.Entered;

    /// <summary>Every text the model computed (cache hits never reach it).</summary>
    public ConcurrentQueue<string> Computed { get; } = new();

    public bool IsHeld => _gate.IsHeld;

    public void Arm(string marker) => _gate.Arm(marker);

    public void Release() => _gate.Release();

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        await _gate.PassAsync(list, cancellationToken);

        foreach (var text in list)
        {
            Computed.Enqueue(text);
        }

        return await base.GenerateAsync(list, options, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        !inProcess && serviceType == typeof(HashEmbeddingGenerator) ? null : base.GetService(serviceType, serviceKey);

    /// <summary>For <see cref="TestGateway.StartAsync"/>'s configure callback: puts the blocking model in place of the
    /// raw embedder (armed with <paramref name="armed"/> from the start when given, before the host runs anything);
    /// <see cref="Of"/> finds it again.</summary>
    public static Action<WebApplicationBuilder> Install(bool inProcess = false, string? armed = null) => builder =>
    {
        var raw = builder.Services.Single(d => d.IsKeyedService && Equals(d.ServiceKey, MemoryServiceCollectionExtensions.RawEmbedderKey)).KeyedImplementationFactory!;
        builder.Services.AddMemoryEmbedder(sp =>
        {
            var model = new BlockingEmbeddingGenerator((IEmbeddingGenerator<string, Embedding<float>>)raw(sp, MemoryServiceCollectionExtensions.RawEmbedderKey), inProcess);
            if (armed is not null)
            {
                model.Arm(armed);
            }

            return model;
        });
    };

    public static BlockingEmbeddingGenerator Of(TestGateway gateway) =>
        gateway.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<BlockingEmbeddingGenerator>()!;
}

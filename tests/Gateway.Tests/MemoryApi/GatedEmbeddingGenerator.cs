using Microsoft.Extensions.AI;

namespace Gateway.Tests.MemoryApi;

/// <summary>Passes every call through, except that once armed, the first call embedding a text containing the marker
/// stops until <see cref="Release"/>: a test can hold a request at a known point (its memory selection) and do
/// something else meanwhile.</summary>
public sealed class GatedEmbeddingGenerator(IEmbeddingGenerator<string, Embedding<float>> inner)
    : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _marker;

    /// <summary>Completes when a call with the marker is being held.</summary>
    public Task Entered => _entered.Task;

    public void Arm(string marker) => Volatile.Write(ref _marker, marker);

    public void Release() => _released.TrySetResult();

    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        var marker = Volatile.Read(ref _marker);
        if (marker is not null && list.Any(v => v.Contains(marker, StringComparison.Ordinal)) &&
            Interlocked.CompareExchange(ref _marker, null, marker) == marker)
        {
            _entered.TrySetResult();
            await _released.Task.WaitAsync(cancellationToken);
        }

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

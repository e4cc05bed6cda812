using Memory.Configuration;
using Memory.WriteBack.Extraction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Memory.Probe;

/// <summary>Registers the built-in memory self-test.</summary>
public static class MemoryProbeServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MemoryProbe"/> over the registered memory service (call after the memory library).</summary>
    public static IServiceCollection AddMemoryProbe(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<HeuristicFactExtractor>();
        services.TryAddSingleton(sp => new MemoryProbe(
            sp.GetRequiredService<IMemoryService>(),
            sp.GetRequiredService<HeuristicFactExtractor>(),
            sp.GetRequiredService<IOptions<MemoryOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MemoryProbe>>()));
        return services;
    }
}

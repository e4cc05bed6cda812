using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Memory.Stores;

/// <summary>Registers <see cref="IErasureTombstones"/> over the memory store's own tombstones (SQLite, Qdrant), or
/// over an in-process set when the registered store keeps none.</summary>
internal static class ErasureTombstoneRegistration
{
    public static IServiceCollection AddErasureTombstones(this IServiceCollection services)
    {
        services.TryAddSingleton<IErasureTombstones>(sp =>
        {
            var logger = sp.GetRequiredService<ILogger<ErasureTombstones>>();
            var memoryStore = sp.GetRequiredService<IMemoryStore>();
            if (memoryStore is not IErasureTombstoneStore store)
            {
                ErasureLog.TombstonesNotDurable(logger, memoryStore.GetType().Name);
                store = new InProcessTombstoneStore();
            }

            return new ErasureTombstones(store, logger);
        });
        return services;
    }
}
